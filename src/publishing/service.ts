/**
 * Use cases of publishing: build the current draft of a programme or weekly schedule from the
 * data, keep the Office's part A and settings, publish immutable numbered versions, compare
 * versions, list the archive, and tell affected people about revisions through the notifier.
 */
import type { AgendaRepository } from '../agenda/repository';
import { loadWorkingCalendar, type AdjustmentRepository } from '../calendar/adjustments';
import { type WorkingCalendar } from '../calendar/working-days';
import { addDays } from '../shared/wording';
import { expandSeries } from '../meetings/occurrences';
import { toOffsetIso, utcToLocal } from '../meetings/local-time';
import type { MeetingRepository } from '../meetings/repository';
import type { MeetingsService } from '../meetings/service';
import type { Occurrence } from '../meetings/types';
import { loadDirectory } from '../meetings/views';
import type { OrganisationRepositories } from '../organisation/repository';
import type { Body } from '../organisation/types';
import type { Clock } from '../shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import type { IntentRepository } from '../shared/intents';
import type { Logger } from '../shared/logger';
import { compareDocuments, unmatchedMeetingIds, type Comparison, type Whereabouts } from './compare';
import { versionLabel } from './format';
import { affectedRecipients, noopNotifier, type PublicationNotifier, type RevisionNotice } from './notifier';
import { monthRange, weekRange } from './periods';
import { buildProgramme } from './programme';
import type { Publication, PublicationWithSnapshot, PublishingRepository } from './repository';
import { buildSchedule } from './schedule';
import { resolveSettings, type ProgrammeSettings, type SettingsInput } from './settings';
import type { DocumentKind, ProgrammeDocument, PublishedDocument, ScheduleDocument } from './types';
import { chooseIssueDate, fingerprint, freeze, printedIssueDate, sameHeader } from './versions';

export interface PublishingDeps {
  repo: PublishingRepository;
  meetings: MeetingsService;
  meetingRepo: MeetingRepository;
  agendaRepo: AgendaRepository;
  orgRepos: OrganisationRepositories;
  adjustments: AdjustmentRepository;
  clock: Clock;
  logger: Logger;
  publicBaseUrl: string;
  intents: IntentRepository;
  notifier?: PublicationNotifier;
}

/** Intent kind: tell the people affected by a stored revision (completed by `intentHandlers`). */
export const REVISION_NOTICES_INTENT = 'revision-notices';
interface RevisionNoticesPayload {
  kind: DocumentKind;
  bodyCode: string;
  period: string;
  version: number;
}
/** A publish that stored nothing within this long after its intent has failed for good. */
const ABANDONED_PUBLISH_MS = 10 * 60_000;

export interface PublishInput {
  /** The number the records clerk gives (required for the first programme; later versions keep it unless changed). */
  documentNumber?: string | undefined;
  /** Local date `YYYY-MM-DD` printed on the document; default: see `chooseIssueDate`. */
  issueDate?: string | undefined;
  note?: string | undefined;
}

/** What the public sees at the plain address: the latest version, else the draft. */
export interface CurrentDocument {
  doc: PublishedDocument;
  latest: Publication | null;
  /** True when the data no longer says what the latest version says. */
  pendingChanges: boolean;
}

export type PublishingService = ReturnType<typeof publishingService>;

export function publishingService(deps: PublishingDeps) {
  const { repo } = deps;
  let notifier: PublicationNotifier = deps.notifier ?? noopNotifier;

  async function bodyOrThrow(code: string): Promise<Body> {
    const body = await deps.orgRepos.bodies.get(code);
    if (!body) throw new NotFoundError('Body', code);
    return body;
  }

  async function settingsFor(body: Body, month: string): Promise<ProgrammeSettings> {
    const [own, previous] = await Promise.all([
      repo.getSettings(body.code, month),
      repo.previousSettings(body.code, month),
    ]);
    return resolveSettings(body, month, own, previous);
  }

  async function load(body: Body, from: string, to: string) {
    const calendar = await loadWorkingCalendar(deps.adjustments);
    const occurrences = await deps.meetings.occurrencesIn({ from, to, bodyCode: body.code }, calendar);
    const [items, directory, series] = await Promise.all([
      deps.agendaRepo.listByOccurrences(occurrences.map((o) => o.id)),
      loadDirectory(deps.orgRepos),
      deps.meetingRepo.listSeries({ bodyCode: body.code }),
    ]);
    return { calendar, occurrences, items, directory, series };
  }

  async function draftProgramme(bodyCode: string, month: string): Promise<ProgrammeDocument> {
    const body = await bodyOrThrow(bodyCode);
    const range = monthRange(month);
    const [data, settings] = await Promise.all([load(body, range.from, range.to), settingsFor(body, month)]);
    return buildProgramme({ ...data, body, settings, month });
  }

  async function draftSchedule(bodyCode: string, week: string): Promise<ScheduleDocument> {
    const body = await bodyOrThrow(bodyCode);
    const range = weekRange(week);
    const [data, settings] = await Promise.all([
      load(body, range.from, range.to),
      settingsFor(body, range.from.slice(0, 7)),
    ]);
    return buildSchedule({ ...data, body, settings, week });
  }

  const draft = (kind: DocumentKind, bodyCode: string, period: string): Promise<PublishedDocument> =>
    kind === 'programme' ? draftProgramme(bodyCode, period) : draftSchedule(bodyCode, period);

  async function versionOrThrow(
    kind: DocumentKind,
    bodyCode: string,
    period: string,
    version: number,
  ): Promise<PublicationWithSnapshot> {
    const found = await repo.get(kind, bodyCode, period, version);
    if (!found)
      throw new NotFoundError(
        kind === 'programme' ? 'Programme version' : 'Schedule version',
        `${bodyCode}/${period}/${version}`,
      );
    return found;
  }

  /** Where the schedule had an occurrence before it was moved: its series' own expansion (holiday policy included) without the override. */
  async function scheduledStart(o: Occurrence, calendar: WorkingCalendar): Promise<string> {
    if (!o.overridden || o.meetingId || !o.seriesId) return o.originalLocalStart;
    const series = await deps.meetingRepo.getSeries(o.seriesId);
    const day = o.originalLocalStart.slice(0, 10);
    const plain = series
      ? expandSeries(series, [], { from: addDays(day, -40), to: addDays(day, 40) }, calendar).find((x) => x.id === o.id)
      : undefined;
    return plain?.localStart ?? o.originalLocalStart;
  }

  /** Where the meetings found in only one of two documents are now (see `compareDocuments`). */
  async function whereabouts(before: PublishedDocument, after: PublishedDocument): Promise<Map<string, Whereabouts>> {
    const out = new Map<string, Whereabouts>();
    const ids = unmatchedMeetingIds(before, after);
    if (!ids.length) return out;
    const calendar = await loadWorkingCalendar(deps.adjustments);
    for (const id of ids) {
      try {
        const o = await deps.meetings.getOccurrence(id, calendar);
        out.set(id, { start: o.localStart, scheduledStart: await scheduledStart(o, calendar), status: o.status });
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err; // gone for good: a removal (or an addition)
      }
    }
    return out;
  }

  const comparison = async (before: PublishedDocument, after: PublishedDocument) =>
    compareDocuments(before, after, await whereabouts(before, after));

  const pathOf = (kind: DocumentKind, bodyCode: string, period: string) =>
    `/${kind === 'programme' ? 'programmes' : 'schedules'}/${bodyCode}/${period}`;

  async function notifyRevision(
    body: Body,
    kind: DocumentKind,
    period: string,
    previous: PublicationWithSnapshot,
    published: Publication,
    snapshot: PublishedDocument,
    comparison: Comparison,
  ) {
    const dir = await loadDirectory(deps.orgRepos);
    const base = `${deps.publicBaseUrl}${pathOf(kind, body.code, period)}`;
    const what =
      kind === 'programme'
        ? `Chương trình công tác tháng ${period.slice(5, 7).replace(/^0/, '')}/${period.slice(0, 4)}`
        : `Lịch công tác tuần ${period}`;
    const notice: RevisionNotice = {
      kind,
      bodyCode: body.code,
      bodyName: body.name,
      period,
      version: published.version,
      previousVersion: previous.version,
      label: published.label,
      subject: `${what} của ${body.name}: ${published.label.toLowerCase()}`,
      url: `${base}/versions/${published.version}`,
      compareUrl: `${base}/compare?from=${previous.version}&to=${published.version}`,
      comparison,
      recipients: affectedRecipients(comparison, previous.snapshot.meetings, snapshot.meetings, dir),
      publishedAt: published.publishedAt,
      publishedBy: published.publishedBy,
    };
    await notifier.revisionPublished(notice);
  }

  /**
   * Plans the revision notices of a stored version (idempotent: the outbox keys a notice by
   * revision and address, so doing it twice queues nothing more). Throws while the version is
   * not stored yet, so the completion pass tries again; gives up on a publish abandoned long ago.
   */
  async function completeRevisionNotices(p: RevisionNoticesPayload, since: Date): Promise<void> {
    const published = await repo.get(p.kind, p.bodyCode, p.period, p.version);
    if (!published) {
      if (deps.clock.now().getTime() - since.getTime() > ABANDONED_PUBLISH_MS) return;
      throw new Error(`${p.kind} ${p.bodyCode}/${p.period} version ${p.version} is not stored (yet)`);
    }
    if (p.version <= 1) return;
    const previous = await versionOrThrow(p.kind, p.bodyCode, p.period, p.version - 1);
    const changes = await comparison(previous.snapshot, published.snapshot);
    if (changes.meetingsChanged)
      await notifyRevision(
        await bodyOrThrow(p.bodyCode),
        p.kind,
        p.period,
        previous,
        published,
        published.snapshot,
        changes,
      );
  }

  return {
    draftProgramme,
    draftSchedule,
    draft,
    pathOf,
    versions: (kind: DocumentKind, bodyCode: string, period: string) => repo.versions(kind, bodyCode, period),
    version: versionOrThrow,
    archive: (filter: { kind?: DocumentKind; bodyCode?: string } = {}) => repo.all(filter),

    /** Handlers of the completion pass (src/shared/intents.ts) for this component's intents. */
    intentHandlers: {
      [REVISION_NOTICES_INTENT]: (p: Record<string, unknown>, intent: { createdAt: Date }) =>
        completeRevisionNotices(p as unknown as RevisionNoticesPayload, intent.createdAt),
    },

    /** Connects the reminders outbox (or any other notifier). */
    useNotifier(n: PublicationNotifier): void {
      notifier = n;
    },

    /** The latest published version, else the draft. */
    async current(kind: DocumentKind, bodyCode: string, period: string): Promise<CurrentDocument> {
      const [doc, latest] = await Promise.all([draft(kind, bodyCode, period), repo.latest(kind, bodyCode, period)]);
      if (!latest) return { doc, latest: null, pendingChanges: false };
      const published = await versionOrThrow(kind, bodyCode, period, latest.version);
      return { doc: published.snapshot, latest, pendingChanges: latest.fingerprint !== fingerprint(doc) };
    },

    async settings(bodyCode: string, month: string): Promise<ProgrammeSettings> {
      return settingsFor(await bodyOrThrow(bodyCode), month);
    },
    async savePartA(bodyCode: string, month: string, markdown: string, by: string): Promise<ProgrammeSettings> {
      const body = await bodyOrThrow(bodyCode);
      await repo.saveSettings(
        body.code,
        month,
        { partA: markdown.normalize('NFC').replace(/\r\n?/g, '\n') },
        by,
        deps.clock.now(),
      );
      return settingsFor(body, month);
    },
    async saveSettings(bodyCode: string, month: string, patch: SettingsInput, by: string): Promise<ProgrammeSettings> {
      const body = await bodyOrThrow(bodyCode);
      const clean: Partial<ProgrammeSettings> = {};
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) (clean as Record<string, unknown>)[k] = v;
      if (clean.recipients && !clean.recipients.length)
        throw ValidationError.field('recipients', 'must list at least one recipient');
      await repo.saveSettings(body.code, month, clean, by, deps.clock.now());
      return settingsFor(body, month);
    },

    /** Compares two versions; `to` may be 'current' (the draft from today's data). */
    async compare(kind: DocumentKind, bodyCode: string, period: string, from: number, to: number | 'current') {
      const before = await versionOrThrow(kind, bodyCode, period, from);
      const after = to === 'current' ? null : await versionOrThrow(kind, bodyCode, period, to);
      const afterDoc = after?.snapshot ?? (await draft(kind, bodyCode, period));
      return { from: before, to: after, comparison: await comparison(before.snapshot, afterDoc) };
    },

    /**
     * Freezes the current draft as the next version. Refuses when nothing changed since the latest
     * version: neither the content, nor the number, nor the header (a number-line template or a
     * chosen issue date is a correction of its own); a revision that changed meetings is announced
     * through the notifier.
     */
    async publish(kind: DocumentKind, bodyCode: string, period: string, input: PublishInput, by: string) {
      const body = await bodyOrThrow(bodyCode);
      const [doc, latest, scheduleVersion] = await Promise.all([
        draft(kind, bodyCode, period),
        repo.latest(kind, bodyCode, period),
        deps.meetingRepo.scheduleVersion(),
      ]);
      const documentNumber = input.documentNumber?.trim() || latest?.documentNumber || null;
      if (kind === 'programme' && !documentNumber) {
        throw ValidationError.field(
          'documentNumber',
          'is required for the first publication: the number the records clerk (văn thư) gives, e.g. 45',
        );
      }
      const now = deps.clock.now();
      const version = (latest?.version ?? 0) + 1;
      const [settings, previous] = await Promise.all([
        settingsFor(body, kind === 'programme' ? period : weekRange(period).from.slice(0, 7)),
        latest ? versionOrThrow(kind, bodyCode, period, latest.version) : null,
      ]);
      const issue = chooseIssueDate({
        requested: input.issueDate,
        saved: kind === 'programme' ? settings.issueDate : null,
        latest: previous ? printedIssueDate(previous.snapshot) : null,
        today: utcToLocal(now, body.timeZone).slice(0, 10),
      });
      const snapshot = freeze(doc, {
        version,
        documentNumber,
        issueDate: issue.date,
        publishedAt: toOffsetIso(now, body.timeZone),
        publishedBy: by,
        numberTemplate: kind === 'programme' ? settings.numberTemplate : null,
      });
      const print = fingerprint(doc);
      if (
        latest &&
        previous &&
        latest.fingerprint === print &&
        documentNumber === latest.documentNumber &&
        sameHeader(previous.snapshot.header, snapshot.header, issue.chosen)
      ) {
        throw new ConflictError(
          `Nothing changed since version ${latest.version} (${latest.label}); there is nothing to publish.`,
        );
      }
      // The intent first: if this process dies after storing the version, any instance's
      // completion pass still plans the notices (src/shared/intents.ts).
      // A first version has no revision to announce: no intent.
      const payload: RevisionNoticesPayload = { kind, bodyCode: body.code, period, version };
      const intentId = previous ? await deps.intents.record(REVISION_NOTICES_INTENT, { ...payload }, now) : null;
      const published = await repo.insert(
        {
          kind,
          bodyCode: body.code,
          period,
          version,
          label: versionLabel(version),
          documentNumber,
          publishedAt: now,
          publishedBy: by,
          note: input.note?.trim() ?? '',
          fingerprint: print,
          scheduleVersion: scheduleVersion.version,
        },
        snapshot,
      );
      let changes: Comparison | null = null;
      if (previous) changes = await comparison(previous.snapshot, snapshot);
      try {
        if (previous && changes?.meetingsChanged)
          await notifyRevision(body, kind, period, previous, published, snapshot, changes);
        if (intentId) await deps.intents.done(intentId);
      } catch (err) {
        // The version is stored; its notices are planned by the next completion pass.
        deps.logger.warn('revision notices not planned yet; the completion pass will retry', {
          kind,
          body: body.code,
          period,
          version,
          error: String(err),
        });
      }
      deps.logger.info('document published', { kind, body: body.code, period, version, by });
      return { publication: published, snapshot, comparison: changes };
    },
  };
}
