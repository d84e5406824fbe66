/**
 * The golden files themselves: each one under test/golden/ is compared by some test (a file no test
 * reads would pass forever), and every test comparing golden files is run by `npm run golden:update`
 * (so the update command regenerates all of them).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { expectGolden, GOLDEN_ROOT } from '../support/golden';

const ROOT = join(__dirname, '..', '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

const testFiles = filesUnder(join(ROOT, 'test')).filter((f) => f.endsWith('.test.ts'));
/** The tests comparing golden files (this one only checks the helper, on files of its own). */
const goldenTests = testFiles.filter(
  (f) => f !== __filename && /from '(\.\.\/)+support\/golden'/.test(readFileSync(f, 'utf8')),
);

/** Runs `fn` with the given UPDATE_GOLDEN and CI (undefined: unset), then restores them. */
function withEnv(env: { UPDATE_GOLDEN?: string; CI?: string }, fn: () => void): void {
  const saved = { UPDATE_GOLDEN: process.env.UPDATE_GOLDEN, CI: process.env.CI };
  const set = (k: 'UPDATE_GOLDEN' | 'CI', v: string | undefined) =>
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- unsetting a variable in process.env (k is one of two names)
    v === undefined ? delete process.env[k] : (process.env[k] = v);
  set('UPDATE_GOLDEN', env.UPDATE_GOLDEN);
  set('CI', env.CI);
  try {
    fn();
  } finally {
    set('UPDATE_GOLDEN', saved.UPDATE_GOLDEN);
    set('CI', saved.CI);
  }
}

describe('expectGolden', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'golden-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when the golden file is missing, then it fails naming it and the update command, and writes nothing', () => {
    const file = join(dir, 'absent.txt');
    withEnv({}, () =>
      expect(() => expectGolden(file, 'Kính gửi')).toThrow(
        /absent\.txt is missing: create it with `npm run golden:update`/,
      ),
    );
    expect(existsSync(file)).toBe(false);
  });

  test('when the output differs from the file, even by a final newline, then it fails', () => {
    const file = join(dir, 'x.txt');
    writeFileSync(file, 'Kính gửi\n');
    withEnv({}, () => {
      expect(() => expectGolden(file, 'Kính gửi')).toThrow();
      expect(() => expectGolden(file, 'Kính gửi', { finalNewline: true })).not.toThrow();
      expect(() => expectGolden(file, Buffer.from('Kính gửi\r\n'))).toThrow(/differs from the output byte for byte/);
    });
  });

  test('when UPDATE_GOLDEN=1, then it writes the file; under CI it refuses', () => {
    const file = join(dir, 'sub', 'new.txt');
    withEnv({ UPDATE_GOLDEN: '1' }, () => expectGolden(file, 'Văn phòng', { finalNewline: true }));
    expect(readFileSync(file, 'utf8')).toBe('Văn phòng\n');
    withEnv({ UPDATE_GOLDEN: '1', CI: 'true' }, () =>
      expect(() => expectGolden(join(dir, 'ci.txt'), 'x')).toThrow(/under CI/),
    );
    expect(existsSync(join(dir, 'ci.txt'))).toBe(false);
  });
});

describe('golden files', () => {
  test('when listing test/golden/, then every file is named by a test that compares golden files', () => {
    const sources = goldenTests.map((f) => readFileSync(f, 'utf8'));
    const named = (name: string) => sources.some((s) => s.includes(`'${name}'`));
    const orphans = filesUnder(GOLDEN_ROOT)
      .map((f) => relative(GOLDEN_ROOT, f))
      .filter((f) => !named(basename(f)) && !named(basename(f).replace(/\.[^.]+$/, '')));
    expect(orphans).toEqual([]);
    expect(filesUnder(GOLDEN_ROOT).length).toBeGreaterThanOrEqual(40);
  });

  test('when reading package.json, then golden:update runs every golden test with UPDATE_GOLDEN=1', () => {
    const script =
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
        'golden:update'
      ] ?? '';
    expect(script).toMatch(/^UPDATE_GOLDEN=1 jest /);
    expect(goldenTests.map((f) => relative(ROOT, f)).filter((f) => !script.includes(f))).toEqual([]);
    expect(goldenTests.length).toBeGreaterThanOrEqual(5);
  });
});
