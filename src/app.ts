import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import express, { type Express } from 'express';
import { DateTime } from 'luxon';
import { accessRoutes } from './access/routes';
import { agendaRoutes } from './agenda/routes';
import { occurrencePresenter } from './agenda/views';
import { calendarRoutes } from './calendar/routes';
import { authenticate } from './http/auth';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { feedApiRoutes, feedRoutes } from './feeds';
import { feedShortPath } from './feeds/short-path';
import { publicReadCache } from './readmodel/response-cache';
import { apiDocsRoutes } from './http/api-docs';
import { publicReadCors } from './http/cors';
import { clientAddress, requestLog } from './http/request-log';
import { apiDescription } from './api-description';
import { meetingRoutes } from './meetings/routes';
import { organisationRoutes } from './organisation/routes';
import { programmeImportRoutes } from './publishing/import-routes';
import { documentRoutes, publishingApiRoutes } from './publishing/routes';
import { optOutPages, reminderApiRoutes } from './reminders';
import { directiveRoutes } from './directives';
import { webRoutes } from './web/routes';
import type { Services } from './services';
import { databaseHealth } from './shared/db';

type ExpressHandle = (req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => void;

export interface AppOptions {
  trustProxy?: boolean | number | string;
}

/**
 * Today's date in the schedule's zone (not the host's), computed once per day: the response cache asks on every
 * request, so the day and the instant it ends are kept until that instant (or until the clock goes back).
 */
function localDay(clock: Services['clock'], zone: string): () => string {
  let day = '';
  let from = 0;
  let until = 0;
  return () => {
    const now = clock.now().getTime();
    if (now < from || now >= until) {
      const local = DateTime.fromMillis(now, { zone });
      day = local.toISODate() ?? '';
      from = local.startOf('day').toMillis();
      until = local.endOf('day').toMillis() + 1;
    }
    return day;
  };
}

/** Builds the express app from its services (no listen): used by main.ts and by the tests. */
export function createApp(s: Services, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple'); // no nested objects from query strings: ?a[$gt]= stays a string

  // Public feeds already rendered for the current schedule version: answered before express sets up the request
  // (issue 10), with CORS in their pre-built headers and the same request log line (src/feeds/short-path.ts).
  const shortPath = feedShortPath(s.feeds, { logger: s.logger, clientAddress: clientAddress(app) });
  const expressHandle = (app as unknown as { handle: ExpressHandle }).handle.bind(app);
  (app as unknown as { handle: ExpressHandle }).handle = (req, res, callback) => {
    try {
      if (shortPath(req, res)) return;
    } catch (err) {
      s.logger.error('feed short path failed', { error: String((err as Error)?.stack ?? err) });
      if (res.headersSent) return void res.destroy();
    }
    expressHandle(req, res, callback);
  };
  app.use(requestLog(s.logger)); // one info line per request: method, redacted path, status, ms, client address
  app.use(publicReadCors()); // Access-Control-Allow-Origin: * on public reads (feeds, documents, API GETs), none on writes

  // Anonymous reads that are functions of the schedule alone (occurrences, a body's month and week pages): computed
  // once per schedule version and local day, then written from memory with their ETag, 304s and gzip/brotli bodies
  // compressed once (src/readmodel/response-cache.ts). Week pages too: saving publishing settings bumps the schedule
  // version (src/readmodel/settings-cache.ts).
  app.use(
    publicReadCache({
      versionNow: () => s.readModel.currentSync()?.version ?? null,
      paths: /^\/(?:api\/occurrences(?:\/[^/]+)?|lich\/[^/]+\/(?:thang|tuan)\/[^/]+)$/,
      variant: localDay(s.clock, s.settings.defaultTimeZone), // pages mark today
    }),
  );
  // JSON and HTML in brotli or gzip as the client accepts; feeds carry their own precompressed bodies (src/feeds/send.ts).
  app.use(compression({ filter: (req, res) => !req.url.startsWith('/feeds/') && compression.filter(req, res) }));
  app.use(s.readModel.middleware()); // GET and HEAD read the schedule from memory (src/readmodel)

  app.get('/healthz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    // The read model's state: the newest schedule version known here and the completed version polls (freshness test).
    const model = s.readModel.stats();
    res.setHeader('X-Read-Model', `version=${model.knownVersion}; polls=${model.polls}`);
    const health = await databaseHealth(s.conn);
    res.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'unavailable', database: health.database });
  });
  let openApi: Record<string, unknown> | undefined; // built on first use: the routes do not change at run time
  app.get('/openapi.json', (_req, res) => void res.json((openApi ??= apiDescription(s.settings.publicBaseUrl))));
  app.use(apiDocsRoutes()); // /api-docs: Swagger UI from swagger-ui-dist, reading /openapi.json
  app.use(feedRoutes(s.feeds)); // /feeds/public/<body>.ics, /feeds/<token>.ics (issue 3)
  app.use(optOutPages(s.reminders.service)); // /email/huy-dang-ky/<token> (issue 4)

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(authenticate(s.apiKeys, s.clock, s.keyThrottle)); // invalid keys: 401, then 429 per client address
  api.use(organisationRoutes(s.organisation));
  api.use(meetingRoutes(s.meetings, occurrencePresenter(s))); // occurrences answered with their agendas
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
  app.use(webRoutes(s, { documents: documentRoutes(s.publishing) })); // pages, /programmes and /schedules documents (issue 5)

  app.use(notFoundHandler);
  app.use(errorHandler(s.logger));
  return app;
}
