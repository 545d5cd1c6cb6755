// The Express app, built by a function so that tests start it on port 0 against their own database.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import type { WriteAck } from './db/write-concern.ts';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { apiNotFound, problemMiddleware } from './errors.ts';
import type { DbEngine } from './db/connect.ts';
import { healthRoutes } from './health/routes.ts';
import { publicRoutes } from './public/routes.ts';
import { loadConfig } from './config.ts';
import { attachStaff, csrfGuard } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.ts';
import { usersRoutes } from './users/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { surveyRoutes } from './surveys/routes.ts';
import { campaignRoutes } from './campaigns/staff-routes.ts';
import { resultsRoutes } from './results/routes.ts';
import { exportRoutes } from './exports/routes.ts';

export interface AppDeps {
  logger: Logger;
  engine: DbEngine;
  /** Where the built client is (client/dist). */
  clientDir: string;
  /** Write concern of the writes that acknowledge a respondent's submission. */
  writeConcern?: WriteAck;
  /** Where `/` leads: the demo campaign's page. */
  homeSlug?: string;
  /** Questionnaire templates (folders with a survey.json); defaults to the repo's surveys/. */
  surveysDir?: string;
  /** Staff sessions end after this many idle minutes; defaults to SESSION_IDLE_MINUTES from the config. */
  sessionIdleMinutes?: number;
  /** The time sessions and login throttling go by; tests may move it. */
  clock?: () => Date;
}

const csp = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // SurveyJS sets inline styles on elements; no stylesheet comes from elsewhere.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

function clientRoutes(clientDir: string, homeSlug?: string): express.Router {
  const router = express.Router();
  const page = (file: string) => (_req: Request, res: Response) => {
    const full = path.join(clientDir, file);
    if (!fs.existsSync(full)) {
      res.status(503).type('text/plain; charset=utf-8').send('Giao diện chưa được xây dựng: chạy `npm run build:client`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(full);
  };
  // Phones on weak connections get the brotli or gzip copy the build wrote beside each JS/CSS file.
  const assets = path.join(clientDir, 'assets');
  router.use('/assets', (req, res, next) => {
    if (!/^\/[\w.-]+\.(js|css)$/.test(req.path)) return next();
    const enc = req.acceptsEncodings('br', 'gzip');
    if (enc !== 'br' && enc !== 'gzip') return next();
    const file = path.join(assets, req.path + (enc === 'br' ? '.br' : '.gz'));
    if (!fs.existsSync(file)) return next();
    res.set({
      'Content-Encoding': enc,
      'Content-Type': `${req.path.endsWith('.js') ? 'text/javascript' : 'text/css'}; charset=utf-8`,
      Vary: 'Accept-Encoding',
    });
    res.sendFile(file, { immutable: true, maxAge: '365d' });
  });
  // Hashed asset names never change content: cache them for a year.
  router.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use(express.static(clientDir, { index: false, maxAge: 0 }));
  router.get('/s/:slug', page('respondent.html'));
  router.get('/app{/*rest}', page('app.html'));
  router.get('/', (_req, res) => (homeSlug ? res.redirect(`/s/${homeSlug}`) : res.redirect('/app/')));
  return router;
}

export function createApp(deps: AppDeps): express.Application {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: deps.logger,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      // One short line per request: no headers (cookies, tokens) and no bodies (answers) in the logs.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet({ contentSecurityPolicy: csp, crossOriginEmbedderPolicy: false }));
  // Before the body parser: a cross-site write is refused without reading its body.
  app.use('/api/v1', csrfGuard);
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));

  const sessions = {
    idleMinutes: deps.sessionIdleMinutes ?? loadConfig().sessionIdleMinutes,
    now: deps.clock ?? (() => new Date()),
  };
  app.use('/api/v1/health', healthRoutes({ engine: deps.engine }));
  app.use('/api/v1/public', publicRoutes({ writeConcern: deps.writeConcern }));
  // Staff API: req.staff from the session cookie; each router then says `router.use(requireStaff)`.
  app.use('/api/v1', attachStaff(sessions));
  app.use('/api/v1/auth', authRoutes(sessions));
  app.use('/api/v1/users', usersRoutes());
  app.use('/api/v1/audit', auditRoutes());
  app.use('/api/v1/surveys', surveyRoutes({ surveysDir: deps.surveysDir ?? path.resolve(import.meta.dirname, '../surveys') }));
  app.use('/api/v1/campaigns', exportRoutes());
  app.use('/api/v1/campaigns', resultsRoutes());
  app.use('/api/v1/campaigns', campaignRoutes());
  app.use('/api', apiNotFound);
  app.use(clientRoutes(deps.clientDir, deps.homeSlug));
  app.use(problemMiddleware(deps.logger));
  return app;
}
