/**
 * Plain types of the reminders component: the deliveries of the outbox, what planning produces,
 * and the per-body reminder settings.
 *
 * A delivery is one email to one address, identified by a unique key
 * `<kind>:<occurrenceId|->:<itemNumber|->:<recipient>[:<extra>]` (extra: the offset in working
 * days of a preparation reminder, the due date of an escalation, the Monday of a digest, the
 * SEQUENCE of a change notice). Planning twice produces the same keys, so it changes nothing.
 */

export const DELIVERY_KINDS = [
  'preparation', // nhắc hạn gửi tài liệu: 7, 3, 1 working days before the due date and on the due day
  'overdue', // quá hạn: to the preparing agency after the due date
  'escalation', // báo cáo Văn phòng: the Office learns which items of a meeting are overdue
  'agenda', // chương trình họp: to attendees, the working day before
  'digest', // tổng hợp tuần: per agency, what it must prepare in the next 14 days
  'change', // thông báo thay đổi lịch họp (moved / cancelled), with an iTIP attachment
  'publication', // thông báo điều chỉnh chương trình/lịch công tác: a published revision changed meetings
  // Directives (src/directives/reminders.ts), keys `<kind>:-:-:<recipient>:<directive id>[:…]`:
  'directive-reminder', // nhắc thời hạn thực hiện ý kiến chỉ đạo: N working days before the deadline and on the day
  'directive-overdue', // quá hạn thực hiện: to the assignee, the first working day after the deadline
  'directive-escalation', // báo cáo Văn phòng: every overdue directive of a body, in one email
  'directive-report', // đề nghị báo cáo định kỳ: a standing task's periodic report request
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** Kinds a recipient may opt out of (escalations to the Office are never optional). */
export const OPT_OUT_KINDS = [
  'preparation',
  'overdue',
  'agenda',
  'digest',
  'change',
  'publication',
  'directive-reminder',
  'directive-overdue',
  'directive-report',
] as const;
export type OptOutKind = (typeof OPT_OUT_KINDS)[number];

/**
 * Kinds that are events, not derived from the schedule: inserted once when they happen (change
 * notices by planning, revision notices by the publishing component), never muted or refreshed
 * by reconciling.
 */
export const EVENT_KINDS: readonly DeliveryKind[] = ['change', 'publication'];

/**
 * pending → sent | dead | expired, or pending ⇄ muted. Pending and muted deliveries live in the
 * outbox (`deliveries`); sent, dead and expired ones in its log (`deliveryLog`), see
 * repository.ts. Planning mutes what is no longer wanted (meeting cancelled, item submitted,
 * opted out) and unmutes it when it is wanted again (cancellation undone); the Office can send a
 * dead one back to pending.
 */
export const DELIVERY_STATES = ['pending', 'sent', 'dead', 'expired', 'muted'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What planning says should exist (pure output, no state). */
export interface PlannedDelivery {
  key: string;
  kind: DeliveryKind;
  /**
   * Deliveries of one group replace each other: when several fell due (after downtime), only the
   * latest is sent and the earlier ones expire. E.g. the preparation reminders of one item to one
   * address, or the change notices of one meeting to one address.
   */
  group: string | null;
  occurrenceId: string | null;
  itemNumber: number | null;
  recipient: string;
  agencyCode: string | null;
  officialCode: string | null;
  bodyCode: string | null;
  /** When to send. */
  dueAt: Date;
  /** When it is no longer useful (not sent after this: expired). */
  expiresAt: Date;
  /** The facts the templates render (meeting, item, due date...), plain JSON. */
  data: Record<string, unknown>;
  /** Hash of kind, times and data: a change means the stored delivery must be refreshed. */
  dataHash: string;
}

/** A stored delivery (the outbox document as a plain object). */
export interface Delivery extends PlannedDelivery {
  state: DeliveryState;
  /** Why it was muted, expired or dead-lettered. */
  reason: string | null;
  /** Send attempts so far. */
  attempts: number;
  /** Claims granted so far (each write under a lock bumps it); see repository.ts. */
  claims: number;
  /** Not before this instant (dueAt, then later after a transient failure). */
  nextAttemptAt: Date;
  lastError: string | null;
  /** Message-ID of the email that carried it (shared by a bundle, see bundle.ts); null before the first attempt. */
  messageId: string | null;
  sentAt: Date | null;
  /** The SMTP server's reply (or the .eml file written). */
  response: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Reminder settings of one body; defaults in `DEFAULT_REMINDER_SETTINGS`. */
export interface ReminderSettings {
  bodyCode: string;
  /** Working days before the documents are due; 0 = on the due day. */
  preparationOffsets: number[];
  /** Local time `HH:mm` of preparation and overdue reminders. */
  reminderTime: string;
  /** Local time of the agenda sent the working day before a meeting. */
  agendaTime: string;
  /** ISO weekday of the weekly digest (1 = Monday), or null for no digest. */
  digestWeekday: number | null;
  digestTime: string;
  /** The digest covers this many days from its sending. */
  digestDays: number;
  /** Agency whose addresses receive escalations for this body's meetings (else OFFICE_EMAIL). */
  officeAgencyCode: string | null;
}

export const DEFAULT_REMINDER_SETTINGS: Omit<ReminderSettings, 'bodyCode'> = {
  preparationOffsets: [7, 3, 1, 0],
  reminderTime: '08:00',
  agendaTime: '08:00',
  digestWeekday: 1,
  digestTime: '07:30',
  digestDays: 14,
  officeAgencyCode: null,
};

/** What change notices were last based on, per occurrence. */
export interface NotifiedState {
  occurrenceId: string;
  sequence: number;
  cancelled: boolean;
  startUtc: Date;
  endUtc: Date;
  location: string;
  /** Local start `YYYY-MM-DDTHH:mm` (shown as "previously" in a notice). */
  localStart: string;
  updatedAt: Date;
}

export interface OptOut {
  email: string;
  kind: OptOutKind;
  source: 'link' | 'office';
  createdAt: Date;
}
