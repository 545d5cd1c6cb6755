// `npm start`: configuration → database (embedded unless MONGODB_URI) → demo seed → HTTP → graceful stop.
import path from 'node:path';
import { once } from 'node:events';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { createLogger } from './logger.ts';
import { seedIfEmpty } from './seed.ts';
import { submissionWriteConcern } from './db/write-concern.ts';
import { flushCounts, rebuildCounts } from './campaigns/tally.ts';
import { User } from './users/model.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  let db: Awaited<ReturnType<typeof connectDatabase>>;
  try {
    db = await connectDatabase(config, log);
  } catch (err) {
    log.fatal((err as Error).message);
    process.exitCode = 1;
    return;
  }
  await seedIfEmpty({ surveysDir: path.join(config.rootDir, 'surveys'), openDays: config.demoOpenDays }, log);
  // Per-cell counters are written behind; recount them (one scan) in case a crash lost the last increments.
  log.info({ cells: await rebuildCounts() }, 'stratum counters recounted from the responses');
  if ((await User.estimatedDocumentCount()) === 0)
    log.warn(
      'Chưa có tài khoản cán bộ nào. Tạo tài khoản quản trị đầu tiên: ' +
        "echo 'mật-khẩu-dài' | npm run user:create -- --username admin --role admin",
    );

  const app = createApp({
    logger: log,
    engine: db.engine,
    clientDir: path.join(config.rootDir, 'client', 'dist'),
    writeConcern: submissionWriteConcern(db.engine),
    homeSlug: 'giua-nhiem-ky-2023',
  });
  const server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`Ứng dụng khảo sát đang chạy: http://localhost:${port} (cơ sở dữ liệu: ${db.engine})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => server.closeAllConnections(), 10_000).unref();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(force);
    await flushCounts().catch((err) => log.error({ err }, 'could not write the last stratum counts'));
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
