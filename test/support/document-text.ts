/**
 * Text of generated documents for golden files: the text content of an HTML `<article class="doc">`
 * (one line per block) and the text of a DOCX's word/document.xml (one line per paragraph), read
 * with a small unzip on node:zlib.
 */
import { inflateRawSync } from 'node:zlib';

const BLOCK = /<\/?(p|div|h[1-6]|li|tr|td|th|table|thead|tbody|section|article|ul|ol|blockquote|nav|header|footer)\b[^>]*>/gi;

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function lines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .normalize('NFC');
}

/** Text content of the first `<article class="doc ...">` of a page (or of the whole markup). */
export function articleText(markup: string): string {
  const start = markup.search(/<article class="doc/);
  const end = markup.indexOf('</article>', start);
  const part = start >= 0 && end > start ? markup.slice(start, end + '</article>'.length) : markup;
  return lines(decodeEntities(part.replace(/<br\s*\/?>/gi, '\n').replace(BLOCK, '\n').replace(/<[^>]+>/g, '')));
}

/** One file of a zip archive (stored or deflated), found through the central directory. */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} is not in the archive`);
}

/** Text of a DOCX: one line per paragraph of word/document.xml. */
export function docxText(docx: Buffer): string {
  const xml = unzipEntry(docx, 'word/document.xml').toString('utf8');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
  return lines(
    paragraphs
      .map((p) =>
        decodeEntities(
          (p.match(/<w:t(?:\s[^>]*)?>[\s\S]*?<\/w:t>|<w:tab\/>|<w:br\/>/g) ?? [])
            .map((t) => (t === '<w:tab/>' ? '\t' : t === '<w:br/>' ? '\n' : t.replace(/<[^>]+>/g, '')))
            .join(''),
        ),
      )
      .join('\n'),
  );
}
