/**
 * The paragraphs of a .docx, in document order (header table cells included), as plain text: what
 * the importer reads from an uploaded Word file. Only `word/document.xml` is read: runs (`w:t`),
 * tabs and line breaks; fields, drawings and comments are ignored.
 */
import JSZip from 'jszip';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

/** Text of one `<w:p>` element. */
function paragraphText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\s*\/>|<w:br\s*\/>|<w:cr\s*\/>/g)) {
    if (m[1] !== undefined) out += decode(m[1]);
    else out += m[0].startsWith('<w:tab') ? '\t' : '\n';
  }
  return out;
}

/** @example (await paragraphsOfDocx(buffer))[0] === 'HUYỆN ỦY LỤC NGẠN' */
export async function paragraphsOfDocx(file: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const doc = zip.file('word/document.xml');
  if (!doc) throw new Error('not a Word document: word/document.xml is missing');
  const xml = await doc.async('string');
  const out: string[] = [];
  for (const m of xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\s*\/>/g)) {
    for (const line of paragraphText(m[0]).split('\n')) {
      const clean = line.normalize('NFC').replace(/\s+/g, ' ').trim();
      if (clean) out.push(clean);
    }
  }
  return out;
}
