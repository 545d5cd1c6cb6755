// One line describing the machine a benchmark ran on, printed with every figure.
import os from 'node:os';

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  const mem = (os.totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${cpu} · ${os.cpus().length} cores · ${mem} GiB · node ${process.version} · ${os.platform()} ${os.release()} · load average ${os.loadavg()[0].toFixed(1)}`;
}
