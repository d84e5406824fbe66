import type { Connection } from 'mongoose';
import { apiKeyRepository } from './access/api-keys';
import { keyThrottle as createKeyThrottle, type KeyThrottleSettings } from './access/throttle';
import { agendaRepository } from './agenda/repository';
import { agendaService } from './agenda/service';
import { adjustmentRepository } from './calendar/adjustments';
import { directivesComponent } from './directives';
import { feedsComponent, type FeedSettings } from './feeds';
import { meetingRepository } from './meetings/repository';
import { meetingsService, type OccurrencesChange } from './meetings/service';
import { organisationRepositories } from './organisation/repository';
import { organisationService } from './organisation/service';
import { publishingComponent } from './publishing';
import { programmeImportService } from './publishing/import-service';
import { remindersComponent } from './reminders';
import { publicationNotifier } from './reminders/publication-notifier';
import { readModel, type ReadModelSettings } from './readmodel';
import { cacheSettings } from './readmodel/settings-cache';
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
  /** The in-memory schedule (READ_MODEL_POLL_MS); defaults in src/readmodel/index.ts. */
  readModel?: Partial<ReadModelSettings>;
}

/**
 * The composition root: repositories and use cases wired once from a connection, a clock and
 * settings. HTTP routes, cron jobs and CLI commands all take what they need from here.
 */
export function createServices(conn: Connection, settings: CoreSettings, clock: Clock, logger: Logger) {
  // The schedule's repositories answer reads from the instance's in-memory read model in GET requests, feeds and
  // the reminder planner; reads inside writes go to the database (src/readmodel, issue 10).
  const raw = {
    meetingRepo: meetingRepository(conn),
    agendaRepo: agendaRepository(conn),
    orgRepos: organisationRepositories(conn),
    adjustments: adjustmentRepository(conn),
  };
  const scheduleReadModel = readModel(raw, settings.readModel, logger);
  scheduleReadModel.start();
  conn.once('close', () => scheduleReadModel.stop());
  const { orgRepos, meetingRepo, agendaRepo, adjustments } = scheduleReadModel.repos;
  const inMemory = scheduleReadModel.alwaysRepos;
  const apiKeys = apiKeyRepository(conn);
  const intents = intentRepository(conn);
  const organisation = organisationService({
    repos: orgRepos,
    defaultTimeZone: settings.defaultTimeZone,
    onChange: () => meetingRepo.bumpScheduleVersion(),
  });
  // Meetings tell the agenda about changed occurrences through a callback (meetings never imports agenda).
  const onOccurrencesChanged = (change: OccurrencesChange) => agenda.occurrencesChanged(change);
  const meetings = meetingsService({
    repo: meetingRepo,
    organisation,
    orgRepos,
    adjustments,
    intents,
    clock,
    defaultTimeZone: settings.defaultTimeZone,
    onOccurrencesChanged,
  });
  const agenda = agendaService({
    repo: agendaRepo,
    meetings,
    meetingRepo,
    organisation,
    orgRepos,
    adjustments,
    intents,
    clock,
  });
  const publishingParts = publishingComponent(conn, {
    meetings,
    meetingRepo,
    agendaRepo,
    orgRepos,
    adjustments,
    intents,
    clock,
    logger,
    publicBaseUrl: settings.publicBaseUrl,
  });
  cacheSettings(publishingParts.repo, scheduleReadModel); // settings saves bump the version; GETs read them from memory
  const programmeImport = programmeImportService({
    publishing: publishingParts.service,
    meetings,
    meetingRepo,
    agendaRepo,
    orgRepos,
    adjustments,
    intents,
    clock,
    logger,
  }); // issue 12: programme text → agenda, part A
  const webSessions = webSessionRepository(conn);
  const keyThrottle = createKeyThrottle(settings.keyThrottle, clock); // invalid API keys per client address (API and sign-in)
  const feeds = feedsComponent(conn, {
    ...inMemory,
    versionNow: () => scheduleReadModel.currentSync()?.version ?? null,
    organisation,
    clock,
    logger,
    publicBaseUrl: settings.publicBaseUrl,
    defaultTimeZone: settings.defaultTimeZone,
    settings: settings.feeds ?? {},
  });
  // The planner reads the schedule from memory: a meetings service over the in-memory repositories.
  const plannerMeetings = meetingsService({
    repo: inMemory.meetingRepo,
    organisation,
    orgRepos: inMemory.orgRepos,
    adjustments: inMemory.adjustments,
    intents,
    clock,
    defaultTimeZone: settings.defaultTimeZone,
  });
  const reminders = remindersComponent(conn, {
    meetings: plannerMeetings,
    agendaRepo: inMemory.agendaRepo,
    orgRepos: inMemory.orgRepos,
    adjustments: inMemory.adjustments,
    clock,
    logger,
    publicBaseUrl: settings.publicBaseUrl,
    defaultTimeZone: settings.defaultTimeZone,
  }); // issue 4
  publishingParts.service.useNotifier(publicationNotifier(reminders)); // revision notices → reminders outbox
  const directivesParts = directivesComponent(conn, {
    orgRepos,
    meetings,
    meetingRepo,
    agenda,
    adjustments,
    clock,
    defaultTimeZone: settings.defaultTimeZone,
    publicBaseUrl: settings.publicBaseUrl,
  }); // issue 9
  reminders.sources.push(directivesParts.planningSource); // directive reminders → reminders outbox
  feeds.useEventSource(directivesParts.feedEvents); // directives' deadlines → private feeds
  /** The completion pass's handlers: every intent kind of every component (src/shared/intents.ts). */
  const intentHandlers = {
    ...meetings.intentHandlers,
    ...agenda.intentHandlers,
    ...publishingParts.service.intentHandlers,
    ...programmeImport.intentHandlers,
  };
  return {
    conn,
    settings,
    clock,
    logger,
    readModel: scheduleReadModel,
    intents,
    intentHandlers,
    orgRepos,
    meetingRepo,
    agendaRepo,
    adjustments,
    apiKeys,
    keyThrottle,
    organisation,
    meetings,
    agenda,
    publishingRepo: publishingParts.repo,
    publishing: publishingParts.service,
    programmeImport,
    webSessions,
    feeds,
    reminders,
    directives: directivesParts.service,
  };
}
export type Services = ReturnType<typeof createServices>;
