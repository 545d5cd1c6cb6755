// The load generator of bench/submissions.ts, in its own process so that it does not share the
// server's event loop: reads {url, seconds, connections, answers} on stdin, prints autocannon's result
// with its own CPU seconds (generatorCpu).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, seconds, connections, answers } = JSON.parse(input) as {
  url: string;
  seconds: number;
  connections: number;
  answers: Record<string, unknown>[];
};
// Each answer set serialised once; a request only adds its own submission id (its share of the two
// cores is the load generator's, not the server's).
const bodies = answers.map((a) => JSON.stringify(a));
let i = 0;
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [
    {
      setupRequest: (req) => ({
        ...req,
        body: `{"submissionId":"${randomUUID()}","answers":${bodies[i++ % bodies.length]},"locale":"vi"}`,
      }),
    },
  ],
});
// Its own CPU seconds while sending too: on two cores it competes with the server and the database.
const { user, system } = process.cpuUsage(cpuBefore);
process.stdout.write(JSON.stringify({ ...result, generatorCpu: (user + system) / 1e6 }));
