import { LastChanged, type FeedState, type FeedStateRepository } from '../../../src/feeds/last-changed';

/** A store in memory with the repository's compare-and-set; `interfere` runs once before the next replace. */
function memoryRepo() {
  const rows = new Map<string, FeedState>();
  let interfere: (() => void) | null = null;
  const repo: FeedStateRepository = {
    get: async (key) => rows.get(key) ?? null,
    replace: async (key, previous, next) => {
      interfere?.();
      interfere = null;
      const now = rows.get(key) ?? null;
      if ((now?.etag ?? null) !== (previous?.etag ?? null)) return false;
      rows.set(key, next);
      return true;
    },
  };
  return { repo, rows, interfereOnce: (f: () => void) => void (interfere = f) };
}

const at = (iso: string) => new Date(iso);

describe('LastChanged: Last-Modified moves only when the bytes do', () => {
  test('when the same ETag is rendered again after a later write, then the first time stays', async () => {
    const { repo } = memoryRepo();
    const lc = new LastChanged(repo);
    expect(await lc.settle('body:ubnd|', '"a"', at('2023-05-01T01:00:00.700Z'))).toEqual(at('2023-05-01T01:00:00Z'));
    expect(await lc.settle('body:ubnd|', '"a"', at('2023-05-02T01:00:00Z'))).toEqual(at('2023-05-01T01:00:00Z'));
    // Another instance (fresh memory) reads the stored time.
    expect(await new LastChanged(repo).settle('body:ubnd|', '"a"', at('2023-05-03T01:00:00Z'))).toEqual(
      at('2023-05-01T01:00:00Z'),
    );
  });

  test('when the bytes change, then the time of the change; never earlier than the previous one', async () => {
    const { repo } = memoryRepo();
    const lc = new LastChanged(repo);
    await lc.settle('k', '"a"', at('2023-05-01T01:00:00Z'));
    expect(await lc.settle('k', '"b"', at('2023-05-02T01:00:00Z'))).toEqual(at('2023-05-02T01:00:00Z'));
    expect(await lc.settle('k', '"c"', at('2023-05-01T00:00:00Z'))).toEqual(at('2023-05-02T01:00:01Z'));
  });

  test('when another instance records a change meanwhile, then its record is read again and used when it is the same ETag', async () => {
    const { repo, rows, interfereOnce } = memoryRepo();
    const lc = new LastChanged(repo);
    await lc.settle('k', '"a"', at('2023-05-01T01:00:00Z'));
    interfereOnce(() => rows.set('k', { etag: '"b"', changedAt: at('2023-05-02T03:00:00Z') }));
    expect(await new LastChanged(repo).settle('k', '"b"', at('2023-05-02T04:00:00Z'))).toEqual(
      at('2023-05-02T03:00:00Z'),
    );
  });

  test('without a store, per process', async () => {
    const lc = new LastChanged(null);
    expect(await lc.settle('k', '"a"', at('2023-05-01T01:00:00Z'))).toEqual(at('2023-05-01T01:00:00Z'));
    expect(await lc.settle('k', '"a"', at('2023-05-09T01:00:00Z'))).toEqual(at('2023-05-01T01:00:00Z'));
  });
});
