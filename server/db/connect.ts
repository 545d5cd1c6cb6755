// Connects mongoose's default connection to the app's database: the MongoDB server in MONGODB_URI when
// set (starting nothing), otherwise the embedded database, which it starts and later stops.
import mongoose from 'mongoose';
import type { Config } from '../config.ts';
import { startEmbeddedDatabase, type DbLog, type EmbeddedTools } from './embedded.ts';

export type DbEngine = 'embedded' | 'mongodb';

export interface DatabaseConnection {
  uri: string;
  engine: DbEngine;
  /** Disconnects mongoose, then stops the embedded database if this started one. */
  close(): Promise<void>;
}

/** Used when the URI names no database (always so for the embedded one). */
export const DEFAULT_DB_NAME = 'danang-survey';

/** The database named in a mongodb:// or mongodb+srv:// URI, or undefined. */
export function databaseNameOf(uri: string): string | undefined {
  const afterHosts = uri.replace(/^mongodb(\+srv)?:\/\/[^/?]*/, '');
  const name = afterHosts.replace(/^\//, '').split('?')[0];
  return name ? decodeURIComponent(name) : undefined;
}

export async function connectDatabase(
  config: Pick<Config, 'mongodbUri' | 'rootDir' | 'dataDir' | 'dbCacheDir'>,
  log: DbLog,
  tools?: EmbeddedTools,
): Promise<DatabaseConnection> {
  if (config.mongodbUri) {
    const uri = config.mongodbUri;
    // Long enough for a replica set election, short enough that a wrong URI fails the start visibly.
    await mongoose.connect(uri, {
      serverSelectionTimeoutMS: 15_000,
      ...(databaseNameOf(uri) ? {} : { dbName: DEFAULT_DB_NAME }),
    });
    log.info(`Connected to MongoDB (database ${mongoose.connection.name}).`);
    return { uri, engine: 'mongodb', close: () => mongoose.disconnect() };
  }

  const db = await startEmbeddedDatabase(config, log, tools);
  try {
    // The server is local and already listening: anything slower than a few seconds is a real fault.
    await mongoose.connect(db.uri, { dbName: DEFAULT_DB_NAME, serverSelectionTimeoutMS: 5_000 });
  } catch (err) {
    await db.stop();
    throw err;
  }
  log.info(`Embedded database ready at ${db.uri} (file in ${config.dataDir}).`);
  return {
    uri: db.uri,
    engine: 'embedded',
    async close() {
      try {
        await mongoose.disconnect();
      } finally {
        await db.stop();
      }
    },
  };
}

/** True when the connected database answers a ping within the timeout. */
export async function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db.command({ ping: 1 }).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
