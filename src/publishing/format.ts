/**
 * Vietnamese wording of dates, times and numbers in official documents. Pure.
 */
import { vietnameseWeekday } from '../calendar/working-days';

const ROMAN: [number, string][] = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/** @example roman(3) === 'III' */
export function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) for (; n >= value; n -= value) out += letters;
  return out;
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/**
 * The date line of Nghị định 30/2020: days below 10 and the months January and February get a
 * leading zero, other months do not.
 * @example placeDateLine('Lục Ngạn', '2023-05-05') === 'Lục Ngạn, ngày 05 tháng 5 năm 2023'
 *          placeDateLine('Lục Ngạn', null, 2023) === 'Lục Ngạn, ngày ... tháng ... năm 2023'
 */
export function placeDateLine(place: string, date: string | null, year?: number): string {
  if (!date) return `${place}, ngày ... tháng ... năm ${year ?? '...'}`;
  const [y, m, d] = ymd(date);
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** @example shortDate('2023-05-23') === '23/5/2023' */
export function shortDate(date: string): string {
  const [y, m, d] = ymd(date);
  return `${d}/${m}/${y}`;
}

/** @example dayMonth('2023-05-04') === '4/5' */
export function dayMonth(date: string): string {
  const [, m, d] = ymd(date);
  return `${d}/${m}`;
}

/** @example dateWithWeekday('2023-05-23') === 'Ngày 23/5/2023 (Thứ Ba)' */
export function dateWithWeekday(date: string): string {
  return `Ngày ${shortDate(date)} (${vietnameseWeekday(date)})`;
}

/** Printed after a time the source document did not state (the Office's estimate). */
export const ASSUMED_TIME_NOTE = '(giờ dự kiến)';

/**
 * A meeting's time as printed, marked when it is an estimate.
 * @example meetingTime('08:00', true) === '8h00 (giờ dự kiến)'
 */
export function meetingTime(time: string, assumed: boolean | undefined): string {
  return assumed ? `${clockTime(time)} ${ASSUMED_TIME_NOTE}` : clockTime(time);
}

/** @example clockTime('08:00') === '8h00'; clockTime('14:30') === '14h30' */
export function clockTime(time: string): string {
  const [h, m] = time.split(':');
  return `${Number(h)}h${m}`;
}

/** Buổi of a local time: before noon "Sáng", before 18:00 "Chiều", then "Tối". */
export function partOfDay(time: string): 'Sáng' | 'Chiều' | 'Tối' {
  const hour = Number(time.slice(0, 2));
  return hour < 12 ? 'Sáng' : hour < 18 ? 'Chiều' : 'Tối';
}

/** Joins a list the Vietnamese way: "4, 11, 18 và 25". */
export function joinVi(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}

/** Upper case with Vietnamese rules, NFC. @example upperVi('Ủy ban nhân dân') === 'ỦY BAN NHÂN DÂN' */
export function upperVi(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi').normalize('NFC');
}

/**
 * Lower case with a capital first letter, Vietnamese rules, NFC: how a trích yếu is printed under
 * the document type. @example sentenceVi('CÔNG TÁC THÁNG 5 NĂM 2023') === 'Công tác tháng 5 năm 2023'
 */
export function sentenceVi(text: string): string {
  const lower = text.normalize('NFC').toLocaleLowerCase('vi');
  const first = lower.codePointAt(0);
  if (first === undefined) return '';
  const head = String.fromCodePoint(first);
  return `${head.toLocaleUpperCase('vi')}${lower.slice(head.length)}`.normalize('NFC');
}

/** Label of the n-th version: the first issue, then "Điều chỉnh lần n-1". */
export function versionLabel(version: number): string {
  return version <= 1 ? 'Ban hành lần đầu' : `Điều chỉnh lần ${version - 1}`;
}
