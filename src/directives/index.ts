/**
 * The directives component (issue 9): notices of directives from meetings, their tasks,
 * follow-up, reminders, feeds and documents. `directivesComponent` registers its models and
 * builds its use cases; services.ts connects its planning source to the reminders outbox and its
 * deadline events to the private feeds.
 */
import type { Connection } from 'mongoose';
import type { FeedWindow } from '../feeds/types';
import { loadDirectory } from '../meetings/views';
import { directiveFeedEvents } from './feed-events';
import { directivesPlanningSource } from './reminders';
import { noticeRepository } from './repository';
import { directivesService, type DirectivesDeps } from './service';
import { directiveSettingsStore, withDefaults } from './settings';

export function directivesComponent(
  conn: Connection,
  deps: Omit<DirectivesDeps, 'repo' | 'settings'> & { publicBaseUrl: string },
) {
  const repo = noticeRepository(conn);
  const settings = directiveSettingsStore(conn);
  const service = directivesService({ ...deps, repo, settings });
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  return {
    repo,
    settings,
    service,
    /** Plans directive reminders into the reminders outbox (reminders/sources.ts). */
    planningSource: directivesPlanningSource({
      listIssued: () => repo.list({ status: 'issued' }),
      allSettings: () => settings.all(),
      settingsDefault: (code) => withDefaults(code, null),
      publicBaseUrl: deps.publicBaseUrl,
      defaultTimeZone: deps.defaultTimeZone,
    }),
    /** Directives' deadlines for private feeds (feeds/extra-events.ts). */
    feedEvents: async (_window: FeedWindow) =>
      directiveFeedEvents(
        await repo.list({ status: 'issued' }),
        await loadDirectory(deps.orgRepos),
        base,
        deps.defaultTimeZone,
      ),
  };
}

export type DirectivesComponent = ReturnType<typeof directivesComponent>;
export { directiveRoutes } from './routes';
export { loadDirectivesSeed } from './seed';
export type { DirectivesService } from './service';
export { previewView } from './views';
