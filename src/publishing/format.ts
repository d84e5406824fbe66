/**
 * Typography of official documents: roman numerals, Vietnamese upper and sentence case, version
 * labels. Pure. Dates, times, weekdays and labels are the shared wording (src/shared/wording.ts).
 */

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** @example roman(3) === 'III' */
export function roman(n: number): string {
  let out = '';
  for (const [value, letters] of ROMAN) for (; n >= value; n -= value) out += letters;
  return out;
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
