// Command line: `npm run analyze -- SPEC.json` prints one JSON document; any error exits 1 with one line.
import { loadSpec, runSpec } from './spec.js';

function main(argv: string[]): number {
  const path = argv[0];
  if (!path || argv.length > 1) {
    process.stderr.write('usage: npm run analyze -- SPEC.json\n');
    return 2;
  }
  try {
    const { spec, dir } = loadSpec(path);
    process.stdout.write(JSON.stringify(runSpec(spec, dir), null, 2) + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(`analyze: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
