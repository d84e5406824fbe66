import type { Connection } from 'mongoose';
import { apiKeyRepository } from './access/api-keys';
import { keyThrottle as createKeyThrottle, type KeyThrottleSettings } from './access/throttle';
import { agendaRepository } from './agenda/repository';
import { agendaService } from './agenda/service';
import { adjustmentRepository } from './calendar/adjustments';
import { directivesComponent } from './directives';
import { feedsComponent, type FeedSettings } from './feeds';
import { meetingRepository } from './meetings/repository';
import { DUE_DATES_INTENT, meetingsService, type DueDatesPayload } from './meetings/service';
import { organisationRepositories } from './organisation/repository';
import { organisationService } from './organisation/service';
import { publishingComponent } from './publishing';
import { programmeImportService } from './publishing/import-service';
import { remindersComponent } from './reminders';
import { publicationNotifier } from './reminders/publication-notifier';
import { webSessionRepository } from './web/sessions';
import { intentRepository } from './shared/intents';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';

export interface CoreSettings {
  defaultTimeZone: string;
  publicBaseUrl: string;
  /** Feed settings (FEED_* variables); defaults in src/feeds/service.ts. */
  feeds?: Partial<FeedSettings>;
  /** Lifetime of a web sign-in session (WEB_SESSION_HOURS); default 12. */
  webSessionHours?: number;
  /** Throttling of invalid API keys (AUTH_INVALID_KEY_* variables); defaults in src/access/throttle.ts. */
  keyThrottle?: Partial<KeyThrottleSettings>;
}

/**
 * The composition root: repositories and use cases wired once from a connection, a clock and
 * settings. HTTP routes, cron jobs and CLI commands all take what they need from here.
 */
export function createServices(conn: Connection, settings: CoreSettings, clock: Clock, logger: Logger) {
  const orgRepos = organisationRepositories(conn);
  const meetingRepo = meetingRepository(conn);
  const agendaRepo = agendaRepository(conn);
  const adjustments = adjustmentRepository(conn);
  const apiKeys = apiKeyRepository(conn);
  const intents = intentRepository(conn);
  const organisation = organisationService({ repos: orgRepos, defaultTimeZone: settings.defaultTimeZone, onChange: () => meetingRepo.bumpScheduleVersion() });
  const meetings = meetingsService({ repo: meetingRepo, agenda: agendaRepo, organisation, orgRepos, adjustments, intents, clock, defaultTimeZone: settings.defaultTimeZone });
  const agenda = agendaService({ repo: agendaRepo, meetings, meetingRepo, organisation, orgRepos, adjustments, intents, clock });
  const publishingParts = publishingComponent(conn, { meetings, meetingRepo, agendaRepo, orgRepos, adjustments, intents, clock, logger, publicBaseUrl: settings.publicBaseUrl });
  const programmeImport = programmeImportService({ publishing: publishingParts.service, meetings, meetingRepo, agendaRepo, orgRepos, adjustments, intents, clock, logger }); // issue 12: programme text → agenda, part A
  const webSessions = webSessionRepository(conn);
  const keyThrottle = createKeyThrottle(settings.keyThrottle, clock); // invalid API keys per client address (API and sign-in)
  const feeds = feedsComponent(conn, { meetingRepo, agendaRepo, orgRepos, adjustments, organisation, clock, logger, publicBaseUrl: settings.publicBaseUrl, defaultTimeZone: settings.defaultTimeZone, settings: settings.feeds ?? {} });
  const reminders = remindersComponent(conn, { meetings, agendaRepo, orgRepos, adjustments, clock, logger, publicBaseUrl: settings.publicBaseUrl, defaultTimeZone: settings.defaultTimeZone }); // issue 4
  publishingParts.service.useNotifier(publicationNotifier(reminders)); // revision notices → reminders outbox
  const directivesParts = directivesComponent(conn, { orgRepos, meetings, meetingRepo, agenda, adjustments, clock, defaultTimeZone: settings.defaultTimeZone, publicBaseUrl: settings.publicBaseUrl }); // issue 9
  reminders.sources.push(directivesParts.planningSource); // directive reminders → reminders outbox
  feeds.useEventSource(directivesParts.feedEvents); // directives' deadlines → private feeds
  /** The completion pass's handlers: every intent kind of every component (src/shared/intents.ts). */
  const intentHandlers = { [DUE_DATES_INTENT]: (p: Record<string, unknown>) => meetings.completeDueDates(p as DueDatesPayload), ...agenda.intentHandlers, ...publishingParts.service.intentHandlers, ...programmeImport.intentHandlers };
  return { conn, settings, clock, logger, intents, intentHandlers, orgRepos, meetingRepo, agendaRepo, adjustments, apiKeys, keyThrottle, organisation, meetings, agenda, publishingRepo: publishingParts.repo, publishing: publishingParts.service, programmeImport, webSessions, feeds, reminders, directives: directivesParts.service };
}
export type Services = ReturnType<typeof createServices>;
