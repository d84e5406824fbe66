/**
 * Planning sources: other components (the directives component) plan deliveries of their own
 * kinds into the same outbox, with the same guarantees (one key per delivery, once, after
 * downtime, across instances), and may add entries to an agency's weekly digest.
 *
 * A source is asked on every planning pass, with the pass's clock, directory, working calendar,
 * opt-outs and Office addresses; what it returns joins what the schedule plans before the
 * outbox is reconciled. So a delivery a source stops wanting is muted like any other, and a
 * pending one whose facts changed is refreshed. Sources are registered on the component
 * (`reminders.sources.push(source)`, see services.ts).
 */
import type { WorkingCalendar } from '../calendar/working-days';
import type { Directory } from '../meetings/views';
import type { ReminderLinks } from './facts';
import type { OptOutKind, PlannedDelivery } from './types';

export interface PlanningContext {
  now: Date;
  directory: Directory;
  calendar: WorkingCalendar;
  optedOut(email: string, kind: OptOutKind): boolean;
  /** Addresses of the Office for a body (its reminder settings' office agency, else OFFICE_EMAIL). */
  officeEmailsOf(bodyCode: string): string[];
  links: ReminderLinks;
}

export interface SourcePlan {
  deliveries: PlannedDelivery[];
  /** Entries an agency's weekly digest sent at `at` also lists (plain JSON for the templates). */
  digestEntries?(agencyCode: string, at: Date, until: Date): Record<string, unknown>[];
}

export interface PlanningSource {
  name: string;
  plan(ctx: PlanningContext): Promise<SourcePlan>;
}
