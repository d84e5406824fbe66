/**
 * Finds the agency a document names, written the way offices write names: any spacing or case,
 * "&" or "và", hyphens with or without spaces, the level word or not ("Thanh tra huyện" /
 * "Thanh tra"), the short name ("Phòng TC-KH") or initials made from the name ("Phòng Tài chính -
 * Kế hoạch" → "Phòng TC-KH", "Phòng Lao động - Thương binh và Xã hội" → "Phòng LĐ-TB&XH"). Pure.
 *
 * Matching goes from the strictest reading to the loosest and stops at the first that names
 * exactly one agency; two agencies at the same level are reported, never guessed between.
 *
 * @example matchAgency('Phòng TC-KH', agencies) // {code: 'phong-tc-kh', how: 'short-name'}
 */

export interface AgencyName {
  code: string;
  name: string;
  shortName: string;
  /** Preferred when two agencies of different bodies read the same (the programme's own body). */
  bodyCode?: string;
}

export type MatchHow = 'name' | 'short-name' | 'initials' | 'without-level' | 'without-accents';

export type AgencyMatch = { code: string; how: MatchHow } | { code: null; candidates: string[] };

/** Words naming the level an agency belongs to, dropped in the looser reading. */
const LEVEL = /(?:^|\s)(huyện|xã|tỉnh|thị xã|thị trấn|thành phố|quận|phường)$/;
/** Unit words that stay whole in initials ("Phòng", "Văn phòng", "Ban"...). */
const UNITS = [
  'văn phòng',
  'phòng',
  'ban',
  'sở',
  'trung tâm',
  'chi cục',
  'hội',
  'ủy ban',
  'uỷ ban',
  'đội',
  'ban quản lý',
  'thanh tra',
  'công an',
  'liên đoàn',
];

/** Case, spacing, dashes and hyphens, "&"/"và" and letters of PDF extraction folded away: a comparison key. */
export function nameKey(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/ƣ/g, 'ư')
    .replace(/uỷ/g, 'ủy')
    .replace(/[–—−]/g, '-')
    .replace(/(^|\s)và(?=\s|$)/g, '$1&')
    .replace(/[\s.,;:-]+/g, '')
    .trim();
}

const withoutAccents = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

const withoutLevel = (s: string) => {
  const t = s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return t.replace(LEVEL, '').trim() || t;
};

/** The first code point of a word, '' for none (in NFC a Vietnamese letter with its marks is one code point). */
function firstCodePoint(word: string): string {
  const c = word.codePointAt(0);
  return c === undefined ? '' : String.fromCodePoint(c);
}

/**
 * The initials the Office makes of a name: the unit word kept, each part between hyphens reduced
 * to the first letters of its words ("và" → "&").
 * @example initialsOf('Phòng Tài chính - Kế hoạch') // ['phòng tc-kh', 'tc-kh']
 */
export function initialsOf(name: string): string[] {
  const t = name.normalize('NFC').toLowerCase().replace(/[–—−]/g, '-').replace(/\s+/g, ' ').trim();
  const unit = UNITS.filter((u) => t.startsWith(`${u} `)).sort((a, b) => b.length - a.length)[0] ?? '';
  const rest = t.slice(unit.length).trim();
  const parts = rest.split(/\s*-\s*/).filter(Boolean);
  if (parts.length < 2 && rest.split(' ').length < 2) return [];
  const initials = parts
    .map((p) =>
      p
        .split(' ')
        .map((w) => (w === 'và' ? '&' : firstCodePoint(w)))
        .join(''),
    )
    .join('-');
  return unit ? [`${unit} ${initials}`, initials] : [initials];
}

/** Finds the one agency `text` names (see the top of this file). */
export function matchAgency(text: string, agencies: AgencyName[], preferBody?: string): AgencyMatch {
  const tiers: [MatchHow, (a: AgencyName) => string[], (q: string) => string[]][] = [
    ['name', (a) => [nameKey(a.name)], (q) => [nameKey(q)]],
    ['short-name', (a) => [nameKey(a.shortName)], (q) => [nameKey(q)]],
    ['initials', (a) => initialsOf(a.name).map(nameKey), (q) => [nameKey(q)]],
    [
      'without-level',
      (a) => [a.name, a.shortName].map((n) => nameKey(withoutLevel(n))),
      (q) => [nameKey(withoutLevel(q))],
    ],
    [
      'without-accents',
      (a) =>
        [a.name, a.shortName, ...initialsOf(a.name)].flatMap((n) => [
          withoutAccents(nameKey(n)),
          withoutAccents(nameKey(withoutLevel(n))),
        ]),
      (q) => [withoutAccents(nameKey(q)), withoutAccents(nameKey(withoutLevel(q)))],
    ],
  ];
  for (const [how, keysOf, queryKeys] of tiers) {
    const wanted = new Set(queryKeys(text).filter(Boolean));
    let found = agencies.filter((a) => keysOf(a).some((k) => wanted.has(k)));
    if (found.length > 1 && preferBody) {
      const own = found.filter((a) => a.bodyCode === preferBody);
      if (own.length === 1) found = own;
    }
    if (found.length === 1) return { code: found[0]!.code, how };
    if (found.length > 1) return { code: null, candidates: found.map((a) => a.code) };
  }
  return { code: null, candidates: [] };
}
