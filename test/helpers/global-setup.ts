// Integration runs share ONE database server: the embedded one on a fresh temporary DATA_DIR (or the
// MongoDB server in MONGODB_URI). Tests get its URI with inject('mongoUri') and use their own database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.ts';
import { databaseNameOf } from '../../server/db/connect.ts';
import { startEmbeddedDatabase } from '../../server/db/embedded.ts';

const log = { info: console.log, warn: console.warn, error: console.error };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  if (config.mongodbUri) {
    // Tests name their own databases, so hand over the server part only.
    const name = databaseNameOf(config.mongodbUri);
    const uri = name ? config.mongodbUri.replace(`/${encodeURIComponent(name)}`, '/') : config.mongodbUri;
    project.provide('mongoUri', uri);
    return async () => {};
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-test-db-'));
  const db = await startEmbeddedDatabase({ ...config, dataDir }, log);
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
