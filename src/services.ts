import type { Connection } from 'mongoose';
import { apiKeyRepository } from './access/api-keys';
import { agendaRepository } from './agenda/repository';
import { agendaService } from './agenda/service';
import { adjustmentRepository } from './calendar/adjustments';
import { feedsComponent, type FeedSettings } from './feeds';
import { meetingRepository } from './meetings/repository';
import { meetingsService } from './meetings/service';
import { organisationRepositories } from './organisation/repository';
import { organisationService } from './organisation/service';
import { publishingComponent } from './publishing';
import { remindersComponent } from './reminders';
import { publicationNotifier } from './reminders/publication-notifier';
import { webSessionRepository } from './web/sessions';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';

export interface CoreSettings {
  defaultTimeZone: string;
  publicBaseUrl: string;
  /** Feed settings (FEED_* variables); defaults in src/feeds/service.ts. */
  feeds?: Partial<FeedSettings>;
  /** Lifetime of a web sign-in session (WEB_SESSION_HOURS); default 12. */
  webSessionHours?: number;
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
  const organisation = organisationService({ repos: orgRepos, defaultTimeZone: settings.defaultTimeZone, onChange: () => meetingRepo.bumpScheduleVersion() });
  const meetings = meetingsService({ repo: meetingRepo, agenda: agendaRepo, organisation, orgRepos, adjustments, clock, defaultTimeZone: settings.defaultTimeZone });
  const agenda = agendaService({ repo: agendaRepo, meetings, meetingRepo, organisation, orgRepos, adjustments, clock });
  const publishingParts = publishingComponent(conn, { meetings, meetingRepo, agendaRepo, orgRepos, adjustments, clock, logger, publicBaseUrl: settings.publicBaseUrl });
  const webSessions = webSessionRepository(conn);
  const feeds = feedsComponent(conn, { meetingRepo, agendaRepo, orgRepos, adjustments, organisation, clock, logger, publicBaseUrl: settings.publicBaseUrl, defaultTimeZone: settings.defaultTimeZone, settings: settings.feeds ?? {} });
  const reminders = remindersComponent(conn, { meetings, agendaRepo, orgRepos, adjustments, clock, logger, publicBaseUrl: settings.publicBaseUrl, defaultTimeZone: settings.defaultTimeZone }); // issue 4
  publishingParts.service.useNotifier(publicationNotifier(reminders)); // revision notices → reminders outbox
  return { conn, settings, clock, logger, orgRepos, meetingRepo, agendaRepo, adjustments, apiKeys, organisation, meetings, agenda, publishingRepo: publishingParts.repo, publishing: publishingParts.service, webSessions, feeds, reminders };
}
export type Services = ReturnType<typeof createServices>;
