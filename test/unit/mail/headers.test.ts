/**
 * The From display name as encoded-words that never split a word (issue 12: "…UB" "ND"), decoded
 * back by mailparser and by a strict RFC 2047 reading of each word.
 */
import { simpleParser } from 'mailparser';
import { encodeDisplayNameWords, formatMailbox, MAX_ENCODED_WORD } from '../../../src/mail/headers';
import { buildRawMessage } from '../../../src/mail/transport';

const NAME = 'Văn phòng HĐND và UBND huyện Lục Ngạn';

/** The text of one Q-encoded word. */
function decodeWord(word: string): string {
  const m = /^=\?UTF-8\?Q\?([^?]*)\?=$/.exec(word);
  if (!m) throw new Error(`not a Q-encoded word: ${word}`);
  const bytes: number[] = [];
  for (let i = 0; i < m[1]!.length; i++) {
    const c = m[1]![i]!;
    if (c === '=') {
      bytes.push(parseInt(m[1]!.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c === '_' ? 0x20 : c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The raw From header of a message, unfolded into its encoded-words and address. */
function rawFrom(raw: string): string {
  const m = /^From: (.*(?:\r?\n[ \t].*)*)/m.exec(raw);
  return m![1]!;
}

describe('encoding the display name', () => {
  test('when the name is long, then every encoded-word ends at a word boundary and they decode to the name exactly', () => {
    const words = encodeDisplayNameWords(NAME);
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(MAX_ENCODED_WORD);
    const texts = words.map(decodeWord);
    expect(texts.join('')).toBe(NAME);
    // A word is never cut: each piece but the last ends with the space that separates two words.
    for (const t of texts.slice(0, -1)) expect(t).toMatch(/ $/);
    for (const t of texts) expect(NAME.split(' ')).toEqual(expect.arrayContaining(t.trim().split(' ')));
  });

  test('when a single word is longer than an encoded-word can hold, then only that word is cut, between characters', () => {
    const long = 'Phòng' + 'ạ'.repeat(40);
    const texts = encodeDisplayNameWords(`Ban ${long}`).map(decodeWord);
    expect(texts.join('')).toBe(`Ban ${long}`);
    expect(texts[0]).toBe('Ban ');
  });

  test('when the name is ASCII, then it is written plainly or quoted', () => {
    expect(formatMailbox('Van phong', 'a@b.example')).toBe('Van phong <a@b.example>');
    expect(formatMailbox('Office, "A"', 'a@b.example')).toBe('"Office, \\"A\\"" <a@b.example>');
    expect(formatMailbox('', 'a@b.example')).toBe('a@b.example');
  });

  test('when a whole message is built, then mailparser reads the sender exactly and the raw header splits no word', async () => {
    const raw = await buildRawMessage(
      { name: NAME, address: 'no-reply@lucngan.example' },
      {
        to: 'tckh@lucngan.example',
        subject: 'Nhắc hạn',
        text: 'x',
        html: '<p>x</p>',
        messageId: '<a@lucngan.example>',
      },
    );
    const mail = await simpleParser(raw);
    expect(mail.from?.value[0]).toEqual({ name: NAME, address: 'no-reply@lucngan.example' });
    const header = rawFrom(raw.toString('utf8'));
    const words = header.match(/=\?[^?]+\?[QB]\?[^?]*\?=/g)!;
    expect(words.map(decodeWord).join('')).toBe(NAME);
    for (const t of words.map(decodeWord).slice(0, -1)) expect(t).toMatch(/ $/);
    for (const line of raw.toString('utf8').split('\r\n\r\n')[0]!.split('\r\n'))
      expect(line.length).toBeLessThanOrEqual(78);
    expect(raw.toString('utf8')).not.toMatch(/^From: .*\r\nFrom:/m); // one From header
  });
});
