/**
 * Recognises agencies, bodies and officials named in Vietnamese text, tolerant of case, spacing,
 * old and new tone placement ("uỷ"/"ủy", "hoà"/"hòa"), "&" vs "và", hyphens, and the usual
 * abbreviations (UBND, HĐND, MTTQ, LĐLĐ, LĐ-TB&XH...). Pure.
 *
 * Text becomes a stream of normalised tokens, each pointing back to the word it came from;
 * every known name becomes one or more aliases (token lists). A match is the longest alias that
 * starts at a position. Aliases are only tried where a sentence assigns work ("Giao ...",
 * "Chỉ đạo ...", "Đề nghị ..."), never anywhere in the text, so a short alias such as
 * "thanh tra" cannot be mistaken for a verb.
 */
import type { AssigneeKind } from './types';

export interface Token {
  /** Normalised word (lower case, canonical tones, abbreviations expanded), or a punctuation mark. */
  tok: string;
  /** Index of the original word in `words`. */
  src: number;
}

export interface Tokenised {
  words: string[];
  /** Where each word starts and ends in the (NFC) text. */
  spans: [number, number][];
  tokens: Token[];
}

const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'ủy ban nhân dân',
  hđnd: 'hội đồng nhân dân',
  mttq: 'mặt trận tổ quốc',
  ubmttq: 'ủy ban mặt trận tổ quốc',
  'ub mttq': 'ủy ban mặt trận tổ quốc',
  lđlđ: 'liên đoàn lao động',
  ub: 'ủy ban',
  pct: 'phó chủ tịch',
  'lđ-tb&xh': 'lao động thương binh và xã hội',
  'lđ-tb và xh': 'lao động thương binh và xã hội',
  lđtbxh: 'lao động thương binh và xã hội',
  'tc-kh': 'tài chính kế hoạch',
  'kt-ht': 'kinh tế hạ tầng',
  '&': 'và',
};

/** Unit words that end a name ("huyện", "tỉnh"...). */
const UNITS = new Set(['huyện', 'tỉnh', 'xã', 'quận', 'phường', 'thành phố', 'thị xã', 'thị trấn']);
const SINGLE_UNITS = new Set(['huyện', 'tỉnh', 'xã', 'quận', 'phường']);

/**
 * Old-style tone placement to the modern one on the syllable-final pairs oa, oe, uy:
 * "hoà" → "hòa", "uỷ" → "ủy" (a syllable such as "hoàng" is the same in both styles).
 */
function canonicalTones(s: string): string {
  return s
    .normalize('NFD')
    .replace(/([oO])([aAeE])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}])/gu, '$1$3$2')
    .replace(/([uU])([yY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}])/gu, '$1$3$2')
    .normalize('NFC');
}

/** One original word to its normalised tokens (an abbreviation may expand to several). */
export function normaliseWord(word: string): string[] {
  const w = canonicalTones(word.normalize('NFC').toLocaleLowerCase('vi'));
  if (ABBREVIATIONS[w]) return ABBREVIATIONS[w].split(' ');
  return w
    .replace(/&/g, ' và ')
    .replace(/[-–—/]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((piece) => (ABBREVIATIONS[piece] ? ABBREVIATIONS[piece].split(' ') : [piece]));
}

const WORD = /[\p{L}\p{N}&\-–—/]+|[,.;:()]/gu;

/** Splits text into words and punctuation and normalises them. */
export function tokenise(text: string): Tokenised {
  const nfc = text.normalize('NFC');
  const words: string[] = [];
  const spans: [number, number][] = [];
  for (const m of nfc.matchAll(WORD)) {
    words.push(m[0]);
    spans.push([m.index, m.index + m[0].length]);
  }
  const tokens: Token[] = [];
  words.forEach((w, src) => {
    if (/^[,.;:()]$/.test(w)) tokens.push({ tok: w, src });
    else for (const tok of normaliseWord(w)) tokens.push({ tok, src });
  });
  return { words, spans, tokens };
}

/** A name as tokens (punctuation dropped). */
export function nameTokens(name: string): string[] {
  return tokenise(name)
    .tokens.map((t) => t.tok)
    .filter((t) => !/^[,.;:()]$/.test(t));
}

export interface Entity {
  kind: AssigneeKind;
  code: string;
  name: string;
}

interface Alias {
  entity: Entity;
  tokens: string[];
  /** The unit word dropped from the end of the name to make this alias, if any. */
  strippedUnit: string | null;
}

export interface EntitySource {
  bodies: { code: string; name: string; shortName: string; place: string }[];
  agencies: { code: string; name: string; shortName: string }[];
  officials: { code: string; name: string; title: string }[];
}

/** The aliases of every entity: its names, without "Việt Nam", a leading "Ủy ban" before "Mặt trận", and (agencies) the final unit. */
export function buildAliases(src: EntitySource): Alias[] {
  const out: Alias[] = [];
  const seen = new Set<string>();
  const add = (entity: Entity, tokens: string[], strippedUnit: string | null = null) => {
    if (!tokens.length) return;
    const key = `${entity.kind}:${entity.code}:${tokens.join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ entity, tokens, strippedUnit });
  };
  const variants = (tokens: string[]): string[][] => {
    const list = [tokens];
    const noVn: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i] === 'việt' && tokens[i + 1] === 'nam') i++;
      else noVn.push(tokens[i]!);
    }
    if (noVn.length !== tokens.length) list.push(noVn);
    for (const t of [...list])
      if (t[0] === 'ủy' && t[1] === 'ban' && t[2] === 'mặt' && t[3] === 'trận') list.push(t.slice(2));
    return list;
  };
  for (const b of src.bodies) {
    const entity: Entity = { kind: 'body', code: b.code, name: b.name };
    const place = nameTokens(b.place);
    for (const name of [b.name, b.shortName]) {
      for (const t of variants(nameTokens(name))) {
        add(entity, t);
        // "Ủy ban nhân dân huyện Lục Ngạn" is written "UBND huyện" inside the district's own documents.
        if (place.length && t.length > place.length && t.slice(-place.length).join(' ') === place.join(' '))
          add(entity, t.slice(0, -place.length));
      }
    }
  }
  for (const a of src.agencies) {
    const entity: Entity = { kind: 'agency', code: a.code, name: a.name };
    for (const name of [a.name, a.shortName]) {
      for (const t of variants(nameTokens(name))) {
        add(entity, t);
        const last = t[t.length - 1]!;
        if (t.length > 2 && SINGLE_UNITS.has(last)) add(entity, t.slice(0, -1), last);
      }
    }
  }
  for (const o of src.officials) {
    const entity: Entity = { kind: 'official', code: o.code, name: o.name };
    for (const name of [o.name, o.title]) for (const t of variants(nameTokens(name))) if (t.length >= 2) add(entity, t);
  }
  return out.sort((a, b) => b.tokens.length - a.tokens.length);
}

/**
 * The entity named at token `i`, with the index after it, or null. An alias made by dropping the
 * final unit ("Liên đoàn Lao động" for "... huyện") does not match when another unit follows
 * ("Liên đoàn Lao động tỉnh" is not the district's).
 */
export function matchAt(tokens: Token[], i: number, aliases: Alias[]): { entity: Entity; end: number } | null {
  for (const alias of aliases) {
    const n = alias.tokens.length;
    if (i + n > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < n && ok; k++) ok = tokens[i + k]!.tok === alias.tokens[k];
    if (!ok) continue;
    const next = tokens[i + n]?.tok;
    if (
      alias.strippedUnit &&
      next &&
      (UNITS.has(next) || next === 'thành' || next === 'thị') &&
      next !== alias.strippedUnit
    )
      continue;
    return { entity: alias.entity, end: i + n };
  }
  return null;
}

export { UNITS };
