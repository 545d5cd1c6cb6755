// `npm run counts:rebuild`: recounts every campaign's per-cell counters (completed, per day, partial)
// from the stored responses and invitations. The app does it at each start too; run it after restoring a
// backup or editing responses by hand.
import { loadConfig } from '../config.ts';
import { connectForCli } from '../db/cli-connect.ts';
import { rebuildCounts } from './tally.ts';

const close = await connectForCli(loadConfig());
try {
  const started = Date.now();
  const cells = await rebuildCounts();
  console.log(`Đã đếm lại ${cells} ô (tầng) trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await close();
}
