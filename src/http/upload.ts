/**
 * A multipart/form-data request (a form with a file) read with busboy: its fields, and at most one
 * file kept in memory. Used where the Office uploads a document (.txt, .docx); limits keep a large
 * or endless upload from filling the memory.
 */
import type { Request } from 'express';
import Busboy from 'busboy';
import { ValidationError } from '../shared/errors';

export interface UploadedFile {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  file: UploadedFile | null;
  /** The field of a file over the size limit (then `file` is null); the fields are still read. */
  tooLarge: string | null;
}

/** The file of a form, or a validation error naming its field when it was over the limit. */
export function fileOf(form: MultipartForm, maxFileBytes: number): UploadedFile | null {
  if (form.tooLarge)
    throw ValidationError.field(form.tooLarge, `is larger than ${Math.round(maxFileBytes / 1024 / 1024)} MB`);
  return form.file;
}

export const isMultipart = (req: Request): boolean => /^multipart\/form-data/i.test(req.get('content-type') ?? '');

/** Reads the whole form; a file over `maxFileBytes` is dropped and reported in `tooLarge`. */
export function readMultipart(
  req: Request,
  options: { maxFileBytes: number; maxFields?: number },
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let bb: ReturnType<typeof Busboy>;
    try {
      bb = Busboy({
        headers: req.headers,
        limits: {
          fileSize: options.maxFileBytes,
          files: 1,
          fields: options.maxFields ?? 20,
          fieldSize: 2 * 1024 * 1024,
        },
      });
    } catch (err) {
      reject(ValidationError.field('body', `is not a readable multipart form (${(err as Error).message})`));
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | null = null;
    let tooLarge: string | null = null;
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (tooLarge = field));
      stream.on('end', () => {
        if (info.filename || chunks.length)
          file = { field, name: info.filename ?? '', type: info.mimeType ?? '', data: Buffer.concat(chunks) };
      });
    });
    bb.on('close', () => resolve({ fields, file: tooLarge ? null : file, tooLarge }));
    bb.on('error', (err) =>
      reject(ValidationError.field('body', `is not a readable multipart form (${(err as Error).message})`)),
    );
    req.pipe(bb);
  });
}
