/**
 * The text of an uploaded programme: a .txt (UTF-8, with or without BOM) or a .docx, whose
 * paragraphs mammoth reads (it follows the document's own paragraphs, runs, tabs and line breaks;
 * the programme parser needs only the text). Anything else is refused with a reason.
 */
import mammoth from 'mammoth';
import { ValidationError } from '../shared/errors';

const DOCX_TYPES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
/** A .docx is a ZIP archive: it starts with "PK\x03\x04". */
const isZip = (data: Buffer) =>
  data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/**
 * @param field the form field the file came in (named in errors)
 * @example await uploadedText({name: 'chuong-trinh.docx', type: '', data}) // the paragraphs, separated by blank lines
 */
export async function uploadedText(
  file: { name: string; type: string; data: Buffer },
  field = 'file',
): Promise<string> {
  const name = file.name.toLowerCase();
  if (!file.data.length) throw ValidationError.field(field, 'is empty');
  if (name.endsWith('.doc') && !isZip(file.data))
    throw ValidationError.field(field, 'is an old Word .doc file: save it as .docx (or copy the text) and try again');
  if (name.endsWith('.docx') || DOCX_TYPES.includes(file.type) || isZip(file.data)) {
    if (!isZip(file.data)) throw ValidationError.field(field, 'is not a .docx file (a Word document is a ZIP archive)');
    try {
      const { value } = await mammoth.extractRawText({ buffer: file.data });
      return value;
    } catch (err) {
      throw ValidationError.field(
        field,
        `could not be read as a Word document (${(err as Error).message.slice(0, 200)})`,
      );
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file.data).replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000E-\u001F]/.test(text))
    throw ValidationError.field(field, 'is not UTF-8 text: upload a .txt saved as UTF-8 or a .docx');
  return text;
}
