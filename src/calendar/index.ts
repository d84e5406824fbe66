/** The pure calendar core: lunar calendar, public holidays and working days (no I/O, no clock). */
export { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, fromDayNumber, parseDate, toDayNumber } from '../shared/day-number';
export {
  type LunarDate,
  VIETNAM_TIME_ZONE,
  canChi,
  formatLunar,
  formatLunarShort,
  leapMonthOf,
  lunarToSolar,
  solarToLunar,
  tetDate,
} from './lunar';
export {
  type AdjustmentKind,
  type CalendarAdjustment,
  type DayOff,
  type DayOffKind,
  type HolidayRules,
  FIVE_DAY_WEEK_FROM,
  HOLIDAY_NAMES,
  HOLIDAY_PERIODS,
  decisionLabel,
  holidaysOfYear,
  isWeeklyRestDay,
  rulesOn,
} from './holidays';
export { WorkingCalendar, weekdayOf } from './working-days';
