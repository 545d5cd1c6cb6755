// The embedded database keeps every acknowledged write through a kill -9, copes with a launcher left
// behind by a crashed server, and says plainly what is missing when Java or Maven is not installed.
// Each test uses its own DATA_DIR (not the shared database from global-setup).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded.ts';

const config = loadConfig();
const quiet = { info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-durability-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string): Promise<EmbeddedDatabase> {
  const db = await startEmbeddedDatabase({ ...config, dataDir }, quiet);
  cleanups.push(() => db.stop());
  return db;
}

async function connect(db: EmbeddedDatabase, dbName = 'durability'): Promise<mongoose.Connection> {
  const conn = await mongoose
    .createConnection(db.uri, { dbName, maxPoolSize: 20, serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  cleanups.push(() => conn.close(true));
  return conn;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

async function waitUntil(test: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('embedded database durability', () => {
  it('keeps every acknowledged insert from 20 concurrent writers through a kill -9', async () => {
    const dataDir = freshDataDir();
    const first = await start(dataDir);
    const conn = await connect(first);
    const docs = conn.collection('responses');
    await docs.createIndex({ submissionId: 1 }, { unique: true });

    const acknowledged: string[] = [];
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; i < 25; i++) {
        const submissionId = `w${w}-${i}`;
        await docs.insertOne({ submissionId, answers: { q1: i, q2: 'x'.repeat(200) } });
        acknowledged.push(submissionId);
      }
    });
    await Promise.all(writers);
    process.kill(first.pid, 'SIGKILL');
    await waitUntil(() => !alive(first.pid), 5_000);
    expect(acknowledged).toHaveLength(500);

    const second = await start(dataDir);
    const again = (await connect(second)).collection('responses');
    const stored = await again.find({}, { projection: { submissionId: 1 } }).toArray();
    expect(new Set(stored.map((d) => d.submissionId))).toEqual(new Set(acknowledged));
    // The unique index came through too: a duplicate submission is still refused.
    await expect(again.insertOne({ submissionId: 'w7-3' })).rejects.toMatchObject({ code: 11000 });
  });

  it('stops a launcher left running by a crashed server before starting its own', async () => {
    const dataDir = freshDataDir();
    const orphan = await start(dataDir); // never stopped by its "server": as after a crash
    await (await connect(orphan)).collection('docs').insertMany([{ n: 1 }, { n: 2 }]);

    const next = await start(dataDir);
    expect(next.pid).not.toBe(orphan.pid);
    expect(alive(orphan.pid)).toBe(false); // never two writers on one file
    const docs = (await connect(next)).collection('docs');
    expect(await docs.countDocuments()).toBe(2);
    await docs.insertOne({ n: 3 });
    expect(await docs.countDocuments()).toBe(3);
  });

  it('refuses a second server on a live one, and starts right after that server is killed with SIGKILL', async () => {
    const dataDir = freshDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../helpers/embedded-child.ts'), dataDir, '50'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    await waitUntil(() => /WROTE \d+/.test(out), 60_000);
    const launcherPid = Number(/WROTE (\d+)/.exec(out)![1]);
    cleanups.push(() => {
      if (alive(launcherPid)) process.kill(launcherPid, 'SIGKILL');
    });
    // While that server lives, a second one on the same DATA_DIR is refused and takes nothing away.
    await expect(start(dataDir)).rejects.toThrow(/in use by another running server/);
    expect(alive(launcherPid)).toBe(true);

    child.kill('SIGKILL');
    await once(child, 'exit');

    const next = await start(dataDir); // the old launcher may still be shutting down: must not matter
    expect(alive(launcherPid)).toBe(false);
    const docs = (await connect(next, 'crash')).collection('docs'); // the child's database
    expect(await docs.countDocuments()).toBe(50);
  });
});

describe('embedded database prerequisites', () => {
  it('names the missing program and the MONGODB_URI alternative', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-nobuild-')); // nothing built here
    cleanups.push(() => fs.rmSync(cacheDir, { recursive: true, force: true }));
    const noTools = { java: 'java-not-installed-here', mvn: 'mvn-not-installed-here' };
    const start = startEmbeddedDatabase({ ...config, dataDir: freshDataDir(), dbCacheDir: cacheDir }, quiet, noTools);
    await expect(start).rejects.toThrow(/Java 17\+ \(`java`\) and Maven 3\.8\+ \(`mvn`\).*MONGODB_URI=mongodb:\/\//s);

    const noMaven = startEmbeddedDatabase({ ...config, dataDir: freshDataDir(), dbCacheDir: cacheDir }, quiet, { mvn: 'mvn-not-installed-here' });
    await expect(noMaven).rejects.toThrow(/needs Maven 3\.8\+ \(`mvn`\), which was not found.*MONGODB_URI/s);
    expect(fs.readdirSync(cacheDir)).toEqual([]); // nothing half-built left behind

    // Already built (the shared cache): only Java is needed, and only Java is named.
    const noJava = startEmbeddedDatabase({ ...config, dataDir: freshDataDir() }, quiet, { java: 'java-not-installed-here' });
    await expect(noJava).rejects.toThrow(/needs Java 17\+ \(`java`\), which was not found.*MONGODB_URI/s);
  });
});
