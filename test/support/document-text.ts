/**
 * Text of generated documents for golden files: the text content of an HTML `<article class="doc">`
 * (one line per block) and the text of a DOCX's word/document.xml (one line per paragraph), read
 * with a small unzip on node:zlib.
 */
import { inflateRawSync } from 'node:zlib';

const BLOCK =
  /<\/?(p|div|h[1-6]|li|tr|td|th|table|thead|tbody|section|article|ul|ol|blockquote|nav|header|footer)\b[^>]*>/gi;

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
  return lines(
    decodeEntities(
      part
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(BLOCK, '\n')
        .replace(/<[^>]+>/g, ''),
    ),
  );
}

/** Names of the files of a zip archive, from its central directory. */
export function zipEntries(zip: Buffer): string[] {
  return centralDirectory(zip).map((e) => e.name);
}

interface ZipEntry {
  name: string;
  method: number;
  size: number;
  local: number;
}

function centralDirectory(zip: Buffer): ZipEntry[] {
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
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const nameLen = zip.readUInt16LE(p + 28);
    out.push({
      name: zip.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
      method: zip.readUInt16LE(p + 10),
      size: zip.readUInt32LE(p + 20),
      local: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** One file of a zip archive (stored or deflated), found through the central directory. */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  const entry = centralDirectory(zip).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in the archive`);
  const start = entry.local + 30 + zip.readUInt16LE(entry.local + 26) + zip.readUInt16LE(entry.local + 28);
  const data = zip.subarray(start, start + entry.size);
  return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

/** One part of a DOCX as text, e.g. `docxPart(docx, 'word/styles.xml')`. */
export function docxPart(docx: Buffer, name: string): string {
  return unzipEntry(docx, name).toString('utf8');
}

/** The text of one `<w:p>` element (runs, tabs, breaks). */
export function paragraphText(p: string): string {
  return decodeEntities(
    (p.match(/<w:t(?:\s[^>]*)?>[\s\S]*?<\/w:t>|<w:tab\/>|<w:br\/>/g) ?? [])
      .map((t) => (t === '<w:tab/>' ? '\t' : t === '<w:br/>' ? '\n' : t.replace(/<[^>]+>/g, '')))
      .join(''),
  );
}

/** The `<w:p>` elements of a WordprocessingML part, in order. */
export function paragraphsOf(xml: string): string[] {
  return xml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
}

/** Text of a DOCX: one line per paragraph of word/document.xml. */
export function docxText(docx: Buffer): string {
  return lines(paragraphsOf(docxPart(docx, 'word/document.xml')).map(paragraphText).join('\n'));
}
