// Command-line tools (user:create, counts:rebuild) reach the database the way the app does: MONGODB_URI,
// else the embedded database — the one `npm start` is running on the same DATA_DIR, when it is.
import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../config.ts';
import { connectDatabase, DEFAULT_DB_NAME } from './connect.ts';

/**
 * A running `npm start` on the same DATA_DIR owns the embedded database, and a second launcher would be
 * refused: connect to the running one when its pid file names a live launcher.
 */
function runningEmbeddedPort(config: Config): number | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(config.dataDir, 'embedded-db.json'), 'utf8')) as {
      pid?: number;
      port?: number;
    };
    if (!Number.isInteger(info.pid) || !Number.isInteger(info.port)) return null;
    process.kill(info.pid!, 0);
    // Where /proc exists, make sure the pid was not reused by some other program.
    const cmdline = `/proc/${info.pid}/cmdline`;
    if (fs.existsSync('/proc/self') && !fs.readFileSync(cmdline, 'utf8').includes('EmbeddedMongo')) return null;
    return info.port!;
  } catch {
    return null;
  }
}

export async function connectForCli(config: Config): Promise<() => Promise<void>> {
  const quiet = { info: () => {}, warn: (m: string) => console.error(m), error: (m: string) => console.error(m) };
  const port = config.mongodbUri ? null : runningEmbeddedPort(config);
  if (port !== null) {
    await mongoose.connect(`mongodb://127.0.0.1:${port}/`, { dbName: DEFAULT_DB_NAME, serverSelectionTimeoutMS: 5_000 });
    return () => mongoose.disconnect();
  }
  const db = await connectDatabase(config, quiet);
  return () => db.close();
}

