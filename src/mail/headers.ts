/**
 * The From header's display name, encoded so that no word is split. Pure.
 *
 * Why our own encoder: nodemailer encodes a non-ASCII display name as RFC 2047 encoded-words cut
 * every 52 characters wherever that falls ("…UB" "ND", "Ngạ" "n"), whatever form the name is
 * given in (string or `{name, address}`). A compliant reader joins adjacent encoded-words and
 * shows the right name, but many readers and spam filters do not: they show "UB ND" or score the
 * header. Here every encoded-word ends at a word boundary, the space that separates two words is
 * encoded inside the first one (RFC 2047 §6.2: whitespace between encoded-words is dropped), and
 * a word is cut only when it alone is longer than an encoded-word may be (never for real names).
 *
 * @example formatMailbox('Văn phòng HĐND và UBND huyện Lục Ngạn', 'no-reply@lucngan.gov.vn')
 * // '=?UTF-8?Q?V=C4=83n_ph=C3=B2ng_H=C4=90ND_v=C3=A0_UBND_?=\r\n =?UTF-8?Q?huy=E1=BB=87n_L=E1=BB=A5c_Ng=E1=BA=A1n?= <no-reply@lucngan.gov.vn>'
 */

/** Longest encoded-word written (RFC 2047 allows 75; 60 keeps `From: ` + one word under 76 columns). */
export const MAX_ENCODED_WORD = 60;
const OVERHEAD = '=?UTF-8?Q?'.length + '?='.length;

/** Characters written as themselves in a Q-encoded word of a phrase (RFC 2047 §5 (3)); the rest as =XX. */
const PLAIN_Q = /^[A-Za-z0-9!*+\-/]$/;

function qEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === ' ') out += '_';
    else if (PLAIN_Q.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const word = (text: string) => `=?UTF-8?Q?${qEncode(text)}?=`;
const fits = (text: string, max: number) => qEncode(text).length + OVERHEAD <= max;

/**
 * The encoded-words of a display name, in order: each carries whole words (with the space after
 * them), so joining their decoded texts gives the name exactly.
 */
export function encodeDisplayNameWords(name: string, max = MAX_ENCODED_WORD): string[] {
  const clean = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Words with the space that follows them: "Văn ", "phòng ", ..., "Ngạn".
  const tokens = clean.match(/\S+\s?/g) ?? [];
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push(word(current));
    current = '';
  };
  for (const token of tokens) {
    if (fits(current + token, max)) {
      current += token;
      continue;
    }
    flush();
    if (fits(token, max)) {
      current = token;
      continue;
    }
    // One word longer than an encoded-word: cut between characters (never inside a UTF-8 sequence).
    for (const ch of token) {
      if (!fits(current + ch, max)) flush();
      current += ch;
    }
  }
  flush();
  return out;
}

/** An address header value `name <address>`: plain or quoted when ASCII, encoded-words folded one per line otherwise. */
export function formatMailbox(name: string, address: string): string {
  const clean = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return address;
  if (/^[\x20-\x7e]*$/.test(clean)) {
    const plain = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(clean);
    return `${plain ? clean : `"${clean.replace(/["\\]/g, '\\$&')}"`} <${address}>`;
  }
  return `${encodeDisplayNameWords(clean).join('\r\n ')} <${address}>`;
}
