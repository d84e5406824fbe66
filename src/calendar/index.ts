/** The pure calendar core: lunar calendar, public holidays and working days (no I/O, no clock). */
export {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  fromDayNumber,
  parseDate,
  toDayNumber,
} from './day-number';
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
  HOLIDAY_NAMES,
  holidaysOfYear,
} from './holidays';
export { WorkingCalendar, addDays, vietnameseWeekday, weekdayOf } from './working-days';
