import express, { type Express } from 'express';
import { accessRoutes } from './access/routes';
import { agendaRoutes } from './agenda/routes';
import { calendarRoutes } from './calendar/routes';
import { authenticate } from './http/auth';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { feedApiRoutes, feedRoutes } from './feeds';
import { openApiDocument } from './http/openapi';
import { meetingRoutes } from './meetings/routes';
import { organisationRoutes } from './organisation/routes';
import { programmeImportRoutes } from './publishing/import-routes';
import { publishingApiRoutes } from './publishing/routes';
import { optOutPages, reminderApiRoutes } from './reminders';
import { directiveRoutes } from './directives';
import { webRoutes } from './web/routes';
import type { Services } from './services';
import { redactUrl } from './shared/logger';
import { databaseHealth } from './shared/db';

export interface AppOptions {
  trustProxy?: boolean | number | string;
}

/** Builds the express app from its services (no listen): used by main.ts and by the tests. */
export function createApp(s: Services, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple'); // no nested objects from query strings: ?a[$gt]= stays a string

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      s.logger.debug('request', { method: req.method, path: redactUrl(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const health = await databaseHealth(s.conn);
    res.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'unavailable', database: health.database });
  });
  app.get('/openapi.json', (_req, res) => void res.json(openApiDocument(s.settings.publicBaseUrl)));
  app.use(feedRoutes(s.feeds)); // /feeds/public/<body>.ics, /feeds/<token>.ics (issue 3)
  app.use(optOutPages(s.reminders.service)); // /email/huy-dang-ky/<token> (issue 4)

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(authenticate(s.apiKeys, s.clock, s.keyThrottle)); // invalid keys: 401, then 429 per client address
  api.use(organisationRoutes(s.organisation));
  api.use(meetingRoutes(s.meetings, s.agenda, s.orgRepos));
  api.use(agendaRoutes(s.agenda, s.meetings, s.orgRepos));
  api.use(
    calendarRoutes(s.adjustments, () => s.meetings.calendarChanged()), // a new day off can move documents-due dates
  );
  api.use(accessRoutes(s.apiKeys, s.clock));
  api.use(publishingApiRoutes(s.publishing));
  api.use(programmeImportRoutes(s.programmeImport)); // POST /api/programmes/{body}/{month}/import (issue 12)
  api.use(feedApiRoutes(s.feeds)); // /api/feed-tokens, /api/feeds/links
  api.use(reminderApiRoutes(s.reminders.service, s.settings.defaultTimeZone)); // /api/deliveries, /api/opt-outs... (issue 4)
  api.use(directiveRoutes(s.directives, s.settings.defaultTimeZone)); // /api/notices, /api/directives, /api/follow-up-report (issue 9)
  app.use('/api', api);
  app.use(webRoutes(s)); // pages, /programmes and /schedules documents (issue 5)

  app.use(notFoundHandler);
  app.use(errorHandler(s.logger));
  return app;
}
