/**
 * Use cases of the feeds component: serve a public or private feed (cached, always current),
 * build one from scratch, and manage the private feeds' tokens.
 *
 * Freshness: the schedule and its version come from the instance's read model (src/readmodel:
 * the repositories given here answer from memory), and the cache is keyed by that version, so an
 * edit shows on the next request to the instance that made it and within the read model's polling
 * interval (READ_MODEL_POLL_MS) on the others. Private-feed tokens are still read from the
 * database (batched, `FreshReader`), so a revoked URL stops at once on every instance.
 */
import { hashSecret, sameDigest } from '../shared/secrets';
import type { OrganisationService } from '../organisation/service';
import type { Clock } from '../shared/clock';
import { NotFoundError, RateLimitedError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { RenderedFeedCache, type RenderedFeed } from './cache';
import { strongEtag, toHttpSecond } from './conditional';
import { FetchStats } from './fetch-stats';
import { FreshReader } from './fresh-read';
import { LastChanged, type FeedStateRepository } from './last-changed';
import { privateFeedPath, publicFeedPath, subscribeLinks, type SubscribeLinks } from './links';
import { dataFor, loadSchedule, type FeedLoaderDeps } from './loader';
import { planFeed } from './plan';
import { SlidingWindowLimiter } from '../shared/rate-limit';
import { renderCalendar } from './render';
import { optionsQuery, type TokenInput } from './schemas';
import { feedName } from './text';
import { TOKEN_PATTERN, type FeedToken, type FeedTokenRepository } from './tokens';
import type { FeedData, FeedOptions, FeedSubject, FeedWindow } from './types';
import { windowClock } from './window';
import type { ExtraEventSource } from './extra-events';
import type { Occurrence } from '../meetings/types';

export interface FeedSettings {
  /** Whole months before the current one that feeds cover. */
  pastMonths: number;
  /** Whole months after the current one that feeds cover. */
  futureMonths: number;
  /** REFRESH-INTERVAL / X-PUBLISHED-TTL in minutes. */
  refreshMinutes: number;
  /** Memory for rendered feeds, in megabytes. */
  cacheMegabytes: number;
  /** Invalid private-feed tokens one client address may present per window before 429. */
  invalidTokenLimit: number;
  invalidTokenWindowSeconds: number;
  /** Fetch statistics of a token are written at most this often. */
  fetchStatsSeconds: number;
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  pastMonths: 3,
  futureMonths: 12,
  refreshMinutes: 60,
  cacheMegabytes: 64,
  invalidTokenLimit: 20,
  invalidTokenWindowSeconds: 600,
  fetchStatsSeconds: 60,
};

export interface FeedsDeps extends FeedLoaderDeps {
  tokens: FeedTokenRepository;
  /** When each feed's bytes last changed (Last-Modified); without it, remembered per process only. */
  feedStates?: FeedStateRepository;
  organisation: OrganisationService;
  clock: Clock;
  logger: Logger;
  publicBaseUrl: string;
  defaultTimeZone: string;
  settings?: Partial<FeedSettings>;
  /** The read model's current schedule version if its snapshot is loaded, else null (the short path). */
  versionNow?: () => number | null;
}

/** 404 for an unknown or revoked token alike: the same message, no hint that it ever existed. */
export class FeedNotFoundError extends NotFoundError {
  constructor() {
    super('Feed', '');
    this.message = 'There is no feed at this address.';
  }
}

export interface TokenView extends FeedToken {
  subjectName: string;
  active: boolean;
}

export type FeedsService = ReturnType<typeof feedsService>;

export function feedsService(deps: FeedsDeps) {
  const settings: FeedSettings = { ...DEFAULT_FEED_SETTINGS, ...deps.settings };
  const base = deps.publicBaseUrl;
  const cache = new RenderedFeedCache(settings.cacheMegabytes * 1024 * 1024);
  const limiter = new SlidingWindowLimiter({
    limit: settings.invalidTokenLimit,
    windowMs: settings.invalidTokenWindowSeconds * 1000,
  });
  const stats = new FetchStats(deps.tokens, deps.logger, settings.fetchStatsSeconds * 1000);
  const activeTokens = new FreshReader<string, FeedToken & { hash: string }>((hashes) =>
    deps.tokens.findActiveByHashes(hashes),
  );
  const lastChanged = new LastChanged(deps.feedStates ?? null);

  const windowAt = windowClock(deps.defaultTimeZone, settings.pastMonths, settings.futureMonths);
  const windowNow = (): FeedWindow => windowAt(deps.clock.now());

  /** Plans and renders a feed from a schedule snapshot. `dataChangedAt`: the schedule version's time. */
  function renderFrom(
    schedule: FeedData,
    subject: FeedSubject,
    options: FeedOptions,
    window: FeedWindow,
    dataChangedAt: Date | null,
  ): RenderedFeed {
    const plan = planFeed(dataFor(schedule, subject), subject, options, window, {
      publicBaseUrl: base,
      defaultTimeZone: deps.defaultTimeZone,
      refreshMinutes: settings.refreshMinutes,
    });
    const bytes = Buffer.from(renderCalendar(plan), 'utf8');
    // Last-Modified: the later of the last schedule change and the last move of the window.
    const lastModified = toHttpSecond(dataChangedAt && dataChangedAt > window.since ? dataChangedAt : window.since);
    return {
      bytes,
      etag: strongEtag(bytes),
      lastModified,
      lastModifiedHttp: lastModified.toUTCString(),
      events: plan.events.length,
    };
  }

  /** Reads, plans and renders one feed from scratch (no cache, no snapshot). */
  async function build(
    subject: FeedSubject,
    options: FeedOptions,
    window: FeedWindow,
    dataChangedAt: Date | null,
  ): Promise<RenderedFeed> {
    return renderFrom(await loadSchedule(deps, window), subject, options, window, dataChangedAt);
  }

  /**
   * Series expansions shared by the snapshots of successive versions (the plan keys them by the
   * series' and overrides' versions, memo.ts): after an edit only the edited series is expanded
   * again. Bounded: cleared past 2,000 entries (the expansions of superseded versions would pile up).
   */
  const expansions = new Map<string, Occurrence[]>();

  /** The schedule snapshot of a version and window, read once and shared by every feed built from it. */
  let snapshot: { version: number; windowKey: string; data: Promise<FeedData>; extra?: Promise<FeedData> } | null =
    null;
  function scheduleOf(version: number, window: FeedWindow): Promise<FeedData> {
    if (snapshot && snapshot.version === version && snapshot.windowKey === window.key) return snapshot.data;
    const data = loadSchedule(deps, window, { extraEvents: false }).then((d) => {
      if (expansions.size > 2_000) expansions.clear();
      return { ...d, expansions };
    });
    if (!snapshot || version >= snapshot.version) {
      const entry = { version, windowKey: window.key, data };
      snapshot = entry;
      data.catch(() => {
        if (snapshot === entry) snapshot = null; // a failed read is not kept
      });
    }
    return data;
  }

  /** The snapshot with the other components' events (directives' deadlines), for private feeds; read once per version. */
  function privateScheduleOf(version: number, window: FeedWindow): Promise<FeedData> {
    const data = scheduleOf(version, window);
    const entry = snapshot && snapshot.data === data ? snapshot : null;
    if (entry?.extra) return entry.extra;
    const extra = data.then(async (d) => ({
      ...d,
      extraEvents: deps.extraEvents ? await deps.extraEvents(window) : [],
    }));
    if (entry) {
      entry.extra = extra;
      extra.catch(() => {
        if (entry.extra === extra) delete entry.extra;
      });
    }
    return extra;
  }

  /** Canonical query strings of option objects (the routes hand out the same object per query string). */
  const optionKeys = new WeakMap<FeedOptions, string>();
  function optionsKey(options: FeedOptions): string {
    let key = optionKeys.get(options);
    if (key === undefined) optionKeys.set(options, (key = optionsQuery(options)));
    return key;
  }

  async function cached(
    subject: FeedSubject,
    options: FeedOptions,
    version: { version: number; updatedAt: Date | null },
  ): Promise<RenderedFeed> {
    const window = windowNow();
    const feedKey = `${subject.kind}:${subject.code}|${optionsKey(options)}`;
    return cache.get(`${feedKey}|${window.key}`, version.version, async () => {
      const schedule = await (subject.kind === 'body' ? scheduleOf : privateScheduleOf)(version.version, window);
      const feed = renderFrom(schedule, subject, options, window, version.updatedAt);
      // Last-Modified moves only when the bytes do: a schedule write this feed does not show keeps it.
      const lastModified = await lastChanged.settle(feedKey, feed.etag, feed.lastModified);
      return { ...feed, lastModified, lastModifiedHttp: lastModified.toUTCString() };
    });
  }

  /** The read model's version (in memory: the feeds' repositories answer from the snapshot). */
  function currentVersion() {
    return deps.meetingRepo.scheduleVersion();
  }

  function privateLinks(
    secret: string,
    subject: FeedSubject,
    name: string,
    options: FeedOptions = { kinds: [], expand: false, cancelled: 'hide', alarmMinutes: null },
  ): SubscribeLinks {
    return subscribeLinks(
      `${base}${privateFeedPath(secret)}${optionsQuery(options)}`,
      feedName(subject, name, options.kinds),
    );
  }

  async function subjectNameOf(kind: FeedToken['kind'], code: string): Promise<string> {
    const found =
      kind === 'official' ? await deps.orgRepos.officials.get(code) : await deps.orgRepos.agencies.get(code);
    return found?.name ?? code;
  }

  async function tokenView(t: FeedToken): Promise<TokenView> {
    return { ...t, subjectName: await subjectNameOf(t.kind, t.subjectCode), active: t.revokedAt === null };
  }

  async function issue(kind: FeedToken['kind'], subjectCode: string, label: string, by: string) {
    const { token, secret } = await deps.tokens.create({ kind, subjectCode, label, createdBy: by });
    const view = await tokenView(token);
    const links = privateLinks(secret, { kind, code: subjectCode }, view.subjectName);
    return { token: view, url: links.https, links };
  }

  return {
    settings,
    windowNow,
    build,
    renderFrom,
    /** A schedule snapshot read from the database (benchmarks). */
    loadSchedule: (window: FeedWindow) => loadSchedule(deps, window),
    /** Drops every rendered feed (benchmarks measure cold builds with it). */
    clearCache: () => {
      cache.clear();
      snapshot = null;
    },
    cacheSize: () => cache.size,

    /**
     * The public feed of a body if it is rendered for the current version and window, without
     * waiting for anything (the short path, short-path.ts); undefined sends the request the long way.
     */
    peekPublicFeed(bodyCode: string, options: FeedOptions): RenderedFeed | undefined {
      const version = deps.versionNow?.();
      if (version === null || version === undefined) return undefined;
      return cache.peek(`body:${bodyCode}|${optionsKey(options)}|${windowNow().key}`, version);
    },

    /** The public feed of a body; NotFound for an unknown body. */
    async publicFeed(bodyCode: string, options: FeedOptions): Promise<RenderedFeed> {
      return cached({ kind: 'body', code: bodyCode }, options, await currentVersion());
    },

    /**
     * The private feed of a token. Unknown, revoked and malformed tokens get the same
     * FeedNotFoundError, or RateLimitedError once the client address has failed too often.
     */
    async privateFeed(
      secret: string,
      options: FeedOptions,
      client: { ip: string; userAgent: string | null },
    ): Promise<RenderedFeed> {
      const hash = TOKEN_PATTERN.test(secret) ? hashSecret(secret) : null;
      const [token, version] = await Promise.all([hash ? activeTokens.get(hash) : undefined, currentVersion()]);
      if (!token || !hash || !sameDigest(token.hash, hash)) {
        const now = deps.clock.now().getTime();
        const retryAfter = limiter.retryAfter(client.ip, now);
        limiter.record(client.ip, now);
        throw retryAfter > 0 ? new RateLimitedError(retryAfter) : new FeedNotFoundError();
      }
      stats.record(token.id, deps.clock.now(), client.userAgent ? client.userAgent.slice(0, 300) : null);
      return cached({ kind: token.kind, code: token.subjectCode }, options, version);
    },

    /** Subscribe links of a body's public feed with these options. */
    async publicLinks(bodyCode: string, options: FeedOptions): Promise<SubscribeLinks> {
      const body = await deps.orgRepos.bodies.get(bodyCode);
      if (!body) throw new NotFoundError('Body', bodyCode);
      return subscribeLinks(
        `${base}${publicFeedPath(bodyCode)}${optionsQuery(options)}`,
        feedName({ kind: 'body', code: bodyCode }, body.name, options.kinds),
      );
    },

    /** A new private feed for an official or agency; the URL (with its secret) is returned only here. */
    async createToken(input: TokenInput, by: string) {
      const ref = [{ field: 'subjectCode', code: input.subjectCode }];
      await deps.organisation.assertReferences(input.kind === 'official' ? { officials: ref } : { agencies: ref });
      return issue(input.kind, input.subjectCode, input.label, by);
    },

    async listTokens(filter: { kind?: FeedToken['kind']; subjectCode?: string } = {}): Promise<TokenView[]> {
      await stats.flushAll();
      return Promise.all((await deps.tokens.list(filter)).map(tokenView));
    },

    async getToken(id: string): Promise<TokenView> {
      await stats.flushAll();
      const token = await deps.tokens.get(id);
      if (!token) throw new NotFoundError('Feed token', id);
      return tokenView(token);
    },

    /** Replaces a token by a new one for the same subject; the old URL stops at once. */
    async rotateToken(id: string, by: string) {
      const old = await deps.tokens.get(id);
      if (!old) throw new NotFoundError('Feed token', id);
      const issued = await issue(old.kind, old.subjectCode, old.label, by);
      await deps.tokens.revoke(id, deps.clock.now(), issued.token.id);
      return { ...issued, replaced: await tokenView((await deps.tokens.get(id))!) };
    },

    /** Revokes a token (idempotent); the URL stops at once. */
    async revokeToken(id: string): Promise<TokenView> {
      const revoked = (await deps.tokens.revoke(id, deps.clock.now())) ?? (await deps.tokens.get(id));
      if (!revoked) throw new NotFoundError('Feed token', id);
      return tokenView(revoked);
    },

    /** Writes pending fetch statistics (shutdown, tests). */
    flushFetchStats: () => stats.flushAll(),

    /** Adds the events of another component to private feeds (services.ts: directives' deadlines). */
    useEventSource(source: ExtraEventSource): void {
      deps.extraEvents = source;
      snapshot = null;
      cache.clear();
    },
  };
}
