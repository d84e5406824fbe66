/**
 * The feeds component: iCalendar feeds (public per body, private per official and per agency),
 * their tokens and subscribe links. `feedsComponent` wires it from a connection (registering the
 * token model) and the core's repositories.
 */
import type { Connection } from 'mongoose';
import { feedsService, type FeedSettings, type FeedsDeps } from './service';
import { feedStateRepository } from './last-changed';
import { feedTokenRepository } from './tokens';

export { feedRoutes, feedApiRoutes } from './routes';
export { DEFAULT_FEED_SETTINGS, type FeedSettings, type FeedsService } from './service';
export { subscribeLinks, publicFeedPath, type SubscribeLinks } from './links';

export function feedsComponent(conn: Connection, deps: Omit<FeedsDeps, 'tokens' | 'feedStates'>) {
  return feedsService({ ...deps, tokens: feedTokenRepository(conn), feedStates: feedStateRepository(conn) });
}

/** The feed settings from the validated environment (src/config.ts, FEED_* variables). */
export function feedSettingsFromConfig(c: {
  FEED_PAST_MONTHS: number;
  FEED_FUTURE_MONTHS: number;
  FEED_REFRESH_MINUTES: number;
  FEED_CACHE_MB: number;
  FEED_INVALID_TOKEN_LIMIT: number;
  FEED_INVALID_TOKEN_WINDOW_SECONDS: number;
}): Partial<FeedSettings> {
  return {
    pastMonths: c.FEED_PAST_MONTHS,
    futureMonths: c.FEED_FUTURE_MONTHS,
    refreshMinutes: c.FEED_REFRESH_MINUTES,
    cacheMegabytes: c.FEED_CACHE_MB,
    invalidTokenLimit: c.FEED_INVALID_TOKEN_LIMIT,
    invalidTokenWindowSeconds: c.FEED_INVALID_TOKEN_WINDOW_SECONDS,
  };
}
