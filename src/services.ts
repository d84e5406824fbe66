import type { Connection } from 'mongoose';
import { apiKeyRepository } from './access/api-keys';
import { agendaRepository } from './agenda/repository';
import { agendaService } from './agenda/service';
import { adjustmentRepository } from './calendar/adjustments';
import { meetingRepository } from './meetings/repository';
import { meetingsService } from './meetings/service';
import { organisationRepositories } from './organisation/repository';
import { organisationService } from './organisation/service';
import type { Clock } from './shared/clock';
import type { Logger } from './shared/logger';

export interface CoreSettings {
  defaultTimeZone: string;
  publicBaseUrl: string;
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
  const organisation = organisationService({ repos: orgRepos, defaultTimeZone: settings.defaultTimeZone });
  const meetings = meetingsService({ repo: meetingRepo, agenda: agendaRepo, organisation, orgRepos, adjustments, clock, defaultTimeZone: settings.defaultTimeZone });
  const agenda = agendaService({ repo: agendaRepo, meetings, meetingRepo, organisation, orgRepos, adjustments, clock });
  return { conn, settings, clock, logger, orgRepos, meetingRepo, agendaRepo, adjustments, apiKeys, organisation, meetings, agenda };
}
export type Services = ReturnType<typeof createServices>;
