/**
 * Addresses and small words shared by the Office's pages. Pure.
 */
import { parseWith } from '../../http/validate';
import { monthPeriod, weekPeriod } from '../../publishing/periods';
import { code } from '../../shared/schemas';

/** @example occurrencePath('ubnd-phien-hop_20230523T0800') === '/van-phong/cuoc-hop/ubnd-phien-hop_20230523T0800' */
export const occurrencePath = (id: string): string => `/van-phong/cuoc-hop/${encodeURIComponent(id)}`;

/** A body and a month from a page address (`/:body/:month`); a malformed one names its part (400). */
export const monthParams = (p: Record<string, unknown>): { bodyCode: string; month: string } => ({
  bodyCode: parseWith(code, p.body, 'body'),
  month: parseWith(monthPeriod, p.month, 'month'),
});

/** A body and an ISO week from a page address (`/:body/:week`). */
export const weekParams = (p: Record<string, unknown>): { bodyCode: string; week: string } => ({
  bodyCode: parseWith(code, p.body, 'body'),
  week: parseWith(weekPeriod, p.week, 'week'),
});

/** The Office's home, first of every breadcrumb. */
export const OFFICE_CRUMB = { href: '/van-phong', label: 'Văn phòng' };
