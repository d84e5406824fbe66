/**
 * Per-body settings of directive reminders (`directiveSettings`, one document per issuing body):
 * how many working days before a deadline the assignees are reminded (default 3 and 1, and 0 =
 * on the day), at what local time, and when standing tasks are asked for their periodic report.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { DEFAULT_REPORT_SCHEDULE } from './deadlines';

export interface DirectiveSettings {
  bodyCode: string;
  /** Working days before the deadline; 0 = on the day. */
  offsets: number[];
  /** Local time `HH:mm` of every directive email. */
  reminderTime: string;
  /** Day of the month of monthly and quarterly report requests. */
  reportMonthDay: number;
  /** ISO weekday of weekly report requests. */
  reportWeekday: number;
}

export const DEFAULT_DIRECTIVE_SETTINGS: Omit<DirectiveSettings, 'bodyCode'> = {
  offsets: [3, 1, 0],
  reminderTime: '08:00',
  reportMonthDay: DEFAULT_REPORT_SCHEDULE.monthDay,
  reportWeekday: DEFAULT_REPORT_SCHEDULE.weekday,
};

const schema = new Schema(
  {
    _id: String,
    offsets: { type: [Number], default: undefined },
    reminderTime: String,
    reportMonthDay: Number,
    reportWeekday: Number,
  },
  { timestamps: true, versionKey: false, collection: 'directiveSettings', minimize: false },
);

export function withDefaults(bodyCode: string, stored: Partial<DirectiveSettings> | null): DirectiveSettings {
  const out: DirectiveSettings = {
    bodyCode,
    ...DEFAULT_DIRECTIVE_SETTINGS,
    offsets: [...DEFAULT_DIRECTIVE_SETTINGS.offsets],
  };
  if (!stored) return out;
  for (const key of Object.keys(DEFAULT_DIRECTIVE_SETTINGS) as (keyof typeof DEFAULT_DIRECTIVE_SETTINGS)[]) {
    if (stored[key] !== undefined && stored[key] !== null)
      (out as unknown as Record<string, unknown>)[key] = stored[key];
  }
  return out;
}

export function directiveSettingsStore(conn: Connection) {
  const M = (conn.models.DirectiveSettings ?? conn.model('DirectiveSettings', schema)) as Model<
    Record<string, unknown>
  >;
  return {
    async all(): Promise<Map<string, DirectiveSettings>> {
      const docs = await M.find({}).lean();
      return new Map(docs.map((d) => [String(d._id), withDefaults(String(d._id), d as Partial<DirectiveSettings>)]));
    },
    async get(bodyCode: string): Promise<DirectiveSettings> {
      return withDefaults(bodyCode, (await M.findById(String(bodyCode)).lean()) as Partial<DirectiveSettings> | null);
    },
    /** Sets the given fields (one atomic upsert). */
    async patch(bodyCode: string, input: Partial<Omit<DirectiveSettings, 'bodyCode'>>): Promise<DirectiveSettings> {
      const set: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(input)) if (v !== undefined) set[k] = v;
      await M.updateOne({ _id: String(bodyCode) }, { $set: set }, { upsert: true });
      return this.get(bodyCode);
    },
  };
}

export type DirectiveSettingsStore = ReturnType<typeof directiveSettingsStore>;
