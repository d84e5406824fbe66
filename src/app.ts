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
import { publishingApiRoutes } from './publishing/routes';
import { optOutPages, reminderApiRoutes } from './reminders';
import { webRoutes } from './web/routes';
import type { Services } from './services';
import { redactUrl } from './shared/logger';

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
    const state = ['disconnected', 'connected', 'connecting', 'disconnecting'][s.conn.readyState] ?? 'unknown';
    let ping = false;
    try {
      await s.conn.db?.admin().ping();
      ping = true;
    } catch {
      ping = false;
    }
    res.status(ping ? 200 : 503).json({ status: ping ? 'ok' : 'unavailable', database: { state, ping } });
  });
  app.get('/openapi.json', (_req, res) => void res.json(openApiDocument(s.settings.publicBaseUrl)));
  app.use(feedRoutes(s.feeds)); // /feeds/public/<body>.ics, /feeds/<token>.ics (issue 3)
  app.use(optOutPages(s.reminders.service)); // /email/huy-dang-ky/<token> (issue 4)

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(authenticate(s.apiKeys, s.clock));
  api.use(organisationRoutes(s.organisation));
  api.use(meetingRoutes(s.meetings, s.agenda, s.orgRepos));
  api.use(agendaRoutes(s.agenda, s.meetings, s.orgRepos));
  api.use(
    calendarRoutes(s.adjustments, async () => {
      await s.meetings.refreshDueDates(); // a new day off can move documents-due dates
      await s.meetingRepo.bumpScheduleVersion();
    }),
  );
  api.use(accessRoutes(s.apiKeys, s.clock));
  api.use(publishingApiRoutes(s.publishing));
  api.use(feedApiRoutes(s.feeds)); // /api/feed-tokens, /api/feeds/links
  api.use(reminderApiRoutes(s.reminders.service, s.settings.defaultTimeZone)); // /api/deliveries, /api/opt-outs... (issue 4)
  app.use('/api', api);
  app.use(webRoutes(s)); // pages, /programmes and /schedules documents (issue 5)

  app.use(notFoundHandler);
  app.use(errorHandler(s.logger));
  return app;
}
