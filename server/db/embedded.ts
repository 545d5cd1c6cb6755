// The embedded database (mongo-java-server on H2, see db/embedded/): builds its launcher once with Maven
// into a cache outside git, starts it on a free loopback port with its file under DATA_DIR, and copes
// with a launcher left running by a crashed server (stops it first: never two writers on one file).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.ts';

export interface DbLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Which programs to run; tests point these at names that do not exist. */
export interface EmbeddedTools {
  java?: string;
  mvn?: string;
}

export interface EmbeddedDatabase {
  /** mongodb://127.0.0.1:PORT/ (no database name). */
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

type EmbeddedConfig = Pick<Config, 'rootDir' | 'dataDir' | 'dbCacheDir'>;

const MAIN_CLASS = 'vn.danang.survey.EmbeddedMongo';
const DB_FILE = 'survey.mv.db';
const PID_FILE = 'embedded-db.json';
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const execFileP = promisify(execFile);

interface PidFile {
  /** The launcher. */
  pid: number;
  port: number;
  file: string;
  /** The Node process that started it. */
  owner: number;
}

/** Where the launcher's sources are and where their build is cached (keyed by their content). */
export function launcherBuild(config: EmbeddedConfig): { srcDir: string; buildDir: string; key: string } {
  const srcDir = path.join(config.rootDir, 'db', 'embedded');
  const hash = createHash('sha256');
  for (const file of sourceFiles(srcDir)) {
    hash.update(path.relative(srcDir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  const key = hash.digest('hex').slice(0, 16);
  return { srcDir, buildDir: path.join(config.dbCacheDir, `embedded-${key}`), key };
}

function sourceFiles(srcDir: string): string[] {
  const files = [path.join(srcDir, 'pom.xml')];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(srcDir, 'src'));
  return files;
}

function missingToolsError(missing: string[]): Error {
  const what = missing.map((m) => (m === 'java' ? 'Java 17+ (`java`)' : 'Maven 3.8+ (`mvn`)')).join(' and ');
  return new Error(
    `The embedded database needs ${what}, which ${missing.length > 1 ? 'were' : 'was'} not found on the PATH. ` +
      'Install it, or use a MongoDB server instead by setting MONGODB_URI, e.g. ' +
      '`MONGODB_URI=mongodb://localhost:27017/danang-survey npm start`.',
  );
}

/** Resolves to true when `cmd` can be run at all (its exit code does not matter). */
function canRun(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', () => resolve(true));
  });
}

/** Builds the launcher with Maven unless this exact source is already built; returns the build dir. */
export async function ensureEmbeddedBuilt(config: EmbeddedConfig, log: DbLog, tools: EmbeddedTools = {}): Promise<string> {
  const { srcDir, buildDir, key } = launcherBuild(config);
  if (fs.existsSync(path.join(buildDir, 'READY'))) return buildDir;

  const java = tools.java ?? 'java';
  const mvn = tools.mvn ?? 'mvn';
  const found = await Promise.all([canRun(java, ['-version']), canRun(mvn, ['-v'])]);
  const missing = (['java', 'mvn'] as const).filter((_, i) => !found[i]);
  if (missing.length) throw missingToolsError(missing);

  log.info('Building the embedded database (first run only, ~1 min)…');
  const started = Date.now();
  // Build in a private copy, then rename: a half-finished or concurrent build never looks complete.
  fs.mkdirSync(config.dbCacheDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(config.dbCacheDir, `tmp-${key}-`));
  try {
    fs.cpSync(path.join(srcDir, 'pom.xml'), path.join(work, 'pom.xml'));
    fs.cpSync(path.join(srcDir, 'src'), path.join(work, 'src'), { recursive: true });
    try {
      await execFileP(mvn, ['-q', '-B', '-Dstyle.color=never', 'package', 'dependency:copy-dependencies'], {
        cwd: work,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 15 * 60_000,
      });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().slice(-4000);
      throw new Error(`Maven could not build the embedded database in ${work}:\n${output || e.message}`);
    }
    fs.writeFileSync(path.join(work, 'READY'), `${new Date().toISOString()}\n`);
    try {
      fs.renameSync(work, buildDir);
    } catch (err) {
      // Another process finished the same build first: use theirs.
      if (!fs.existsSync(path.join(buildDir, 'READY'))) throw err;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log.info(`Built the embedded database in ${((Date.now() - started) / 1000).toFixed(1)} s (cached in ${buildDir}).`);
  return buildDir;
}

function classpath(buildDir: string): string {
  const target = path.join(buildDir, 'target');
  const jars = fs.readdirSync(target).filter((f) => f.endsWith('.jar')).map((f) => path.join(target, f));
  return [...jars, path.join(target, 'dependency', '*')].join(path.delimiter);
}

/** The command line of a running process, or null if it is not running (or is a zombie). */
async function commandLine(pid: number): Promise<string[] | null> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/.test(stat)) return null; // exited, waiting to be reaped
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    // No /proc (macOS): ask ps. Arguments with spaces are split, which is enough to find ours.
    try {
      const { stdout } = await execFileP('ps', ['-o', 'args=', '-p', String(pid)]);
      return stdout.trim() ? stdout.trim().split(/\s+/) : null;
    } catch {
      return null;
    }
  }
}

async function isOurLauncher(pid: number, dbFile: string): Promise<boolean> {
  const args = await commandLine(pid);
  return !!args && args.includes(MAIN_CLASS) && args.includes(dbFile);
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await commandLine(pid)) === null) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return (await commandLine(pid)) === null;
}

/** SIGTERM (the launcher commits and closes its file), then SIGKILL if it does not go. */
async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitGone(pid, STOP_GRACE_MS)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  if (!(await waitGone(pid, 5_000))) throw new Error(`The embedded database process ${pid} does not stop.`);
}

/**
 * A launcher whose server died without stopping it still holds the file: stop it. One whose server is
 * alive belongs to another running server on the same DATA_DIR: refuse rather than pull its database away.
 */
async function stopLeftover(pidFile: string, dbFile: string, log: DbLog): Promise<void> {
  let previous: PidFile;
  try {
    previous = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidFile;
  } catch {
    return; // no file, or a torn one: nothing we can safely act on (H2's file lock still guards)
  }
  if (Number.isInteger(previous.pid) && (await isOurLauncher(previous.pid, dbFile))) {
    const owner = previous.owner;
    if (Number.isInteger(owner) && owner !== process.pid && (await commandLine(owner)) !== null) {
      throw new Error(
        `The embedded database in ${path.dirname(dbFile)} is in use by another running server (pid ${owner}). ` +
          'Stop that one first, or give this one another DATA_DIR.',
      );
    }
    log.warn(`Stopping the embedded database left running by an earlier start (pid ${previous.pid}).`);
    await stopPid(previous.pid);
  }
  fs.rmSync(pidFile, { force: true });
}

/** Starts the embedded database on a free loopback port and waits until it accepts connections. */
export async function startEmbeddedDatabase(
  config: EmbeddedConfig,
  log: DbLog,
  tools: EmbeddedTools = {},
): Promise<EmbeddedDatabase> {
  const buildDir = await ensureEmbeddedBuilt(config, log, tools);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const dbFile = path.join(config.dataDir, DB_FILE);
  const pidFile = path.join(config.dataDir, PID_FILE);
  await stopLeftover(pidFile, dbFile, log);

  // Port 0: the launcher binds a free port itself and reports it, so no other process can take it
  // between our choice and its bind. detached: Ctrl-C in a terminal reaches the server, which then
  // stops the database after closing its connections, rather than both at once.
  const java = tools.java ?? 'java';
  // C1 only: C2's compilations took about 40% of the launcher's CPU in the first minutes on two busy
  // cores, for code whose cost is mostly serialization and I/O; C1-only nearly doubled inserts per second.
  const child = spawn(java, ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', classpath(buildDir), MAIN_CLASS, '0', dbFile], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // A launcher that died (say by kill -9) makes writes to its stdin fail; that is not our crash.
  child.stdin!.on('error', () => {});
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });

  const port = await waitForReady(child, () => stderr).catch((err: Error) => {
    child.kill('SIGKILL');
    throw err;
  });
  const pid = child.pid!;
  fs.writeFileSync(pidFile, JSON.stringify({ pid, port, file: dbFile, owner: process.pid } satisfies PidFile) + '\n');

  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) log.error(`The embedded database exited unexpectedly (${signal ?? `code ${code}`}): ${lastLines(stderr)}`);
  });
  // Past this point only errors from Java matter; SLF4J's start-up notice is noise.
  child.stderr!.on('data', (chunk: string) => {
    const lines = chunk.split('\n').filter((l) => l.trim() && !l.startsWith('SLF4J'));
    if (lines.length) log.warn(`embedded database: ${lines.join('\n')}`);
  });
  // Do not keep Node alive for the database's sake; when Node exits, the launcher's stdin closes and it
  // shuts down by itself.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    pid,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        child.stdin!.end();
        await stopPid(pid);
        try {
          const current = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidFile;
          if (current.pid === pid) fs.rmSync(pidFile, { force: true });
        } catch {
          // already gone
        }
      })();
      return stopped;
    },
  };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-15).join('\n') || '(no output)';
}

function waitForReady(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      reject(new Error(`The embedded database did not start within ${READY_TIMEOUT_MS / 1000} s:\n${lastLines(stderr())}`));
    }, READY_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume(); // keep draining: a full pipe would block the launcher
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      done();
      reject(err.code === 'ENOENT' ? missingToolsError(['java']) : err);
    });
    child.on('exit', (code, signal) => {
      done();
      const locked = /file is locked/i.test(stderr())
        ? 'Another process has the database file open (a server started with the same DATA_DIR?).\n'
        : '';
      reject(new Error(`The embedded database exited before it was ready (${signal ?? `code ${code}`}):\n${locked}${lastLines(stderr())}`));
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const m = /^READY (\d+)$/m.exec(stdout);
      if (m) {
        done();
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(Number(m[1]));
      }
    });
  });
}
