/**
 * Golden files: `expectGolden(file, actual)` compares a rendered text (or bytes) with the file
 * stored under test/golden/. A missing file FAILS: a test never creates its own expectation. The
 * files are written only by the explicit update run,
 *   npm run golden:update        (the golden tests with UPDATE_GOLDEN=1)
 * after which the diff is reviewed like any change of code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The root of the golden files. */
export const GOLDEN_ROOT = join(__dirname, '..', 'golden');
export const GOLDEN_UPDATE_COMMAND = 'npm run golden:update';

/** True in the update run only: `UPDATE_GOLDEN=1` exactly; refused under CI, which only compares. */
export function updatingGoldenFiles(): boolean {
  if (process.env.UPDATE_GOLDEN !== '1') return false;
  if (process.env.CI === 'true')
    throw new Error('UPDATE_GOLDEN=1 under CI: golden files are updated on a developer machine only');
  return true;
}

export interface GoldenOptions {
  /** The file holds the text plus one final newline (for texts that do not end with one). */
  finalNewline?: boolean;
}

const shown = (file: string) => relative(join(__dirname, '..', '..'), file);

/**
 * Expects `actual` to equal the golden file `file` (an absolute path, e.g.
 * `join(GOLDEN_ROOT, 'reminders', 'preparation.txt')`): a text is compared as text (a readable
 * diff), then byte for byte; a Buffer byte for byte.
 */
export function expectGolden(file: string, actual: string | Buffer, options: GoldenOptions = {}): void {
  const bytes =
    typeof actual === 'string' ? Buffer.from(options.finalNewline ? `${actual}\n` : actual, 'utf8') : actual;
  if (updatingGoldenFiles()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  if (!existsSync(file)) {
    throw new Error(
      `golden file ${shown(file)} is missing: create it with \`${GOLDEN_UPDATE_COMMAND}\` (UPDATE_GOLDEN=1), ` +
        'then review it before committing',
    );
  }
  const expected = readFileSync(file);
  if (typeof actual === 'string') {
    const text = expected.toString('utf8');
    expect(actual).toBe(options.finalNewline ? text.replace(/\n$/, '') : text);
  }
  if (Buffer.compare(bytes, expected) !== 0) {
    throw new Error(
      `${shown(file)} differs from the output byte for byte: if intended, run \`${GOLDEN_UPDATE_COMMAND}\``,
    );
  }
}
