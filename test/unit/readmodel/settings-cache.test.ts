/** Publishing settings under the read model's freshness rule (src/readmodel/settings-cache.ts). */
import { cacheSettings, type SettingsRepo } from '../../../src/readmodel/settings-cache';

type S = { partA: string };

function setup() {
  const stored = new Map<string, S>();
  let reads = 0;
  const repo: SettingsRepo<S> = {
    getSettings: async (b, m) => (reads++, stored.get(`${b}:${m}`) ?? null),
    previousSettings: async () => (reads++, null),
    saveSettings: async (b, m, patch) => void stored.set(`${b}:${m}`, patch),
  };
  const state = { version: 1, snapshotMode: true };
  cacheSettings(repo, {
    knownVersion: () => state.version,
    snapshotMode: () => state.snapshotMode,
    bump: async () => ++state.version,
  });
  return { repo, state, stored, reads: () => reads };
}

describe('publishing settings cached per schedule version', () => {
  test('when a GET reads the same settings twice at one version, then the database is read once', async () => {
    const { repo, reads } = setup();
    await repo.getSettings('ubnd', '2023-05');
    await repo.getSettings('ubnd', '2023-05');
    await repo.previousSettings('ubnd', '2023-05');
    await repo.previousSettings('ubnd', '2023-05');
    expect(reads()).toBe(2);
  });

  test('when settings are saved here, then the version is bumped and the next read has them', async () => {
    const { repo, state } = setup();
    expect(await repo.getSettings('ubnd', '2023-05')).toBeNull();
    await repo.saveSettings('ubnd', '2023-05', { partA: 'A' }, 'office', new Date());
    expect(state.version).toBe(2);
    expect(await repo.getSettings('ubnd', '2023-05')).toEqual({ partA: 'A' });
  });

  test('when another instance saved (a newer version is known), then the cache is not used', async () => {
    const { repo, state, stored } = setup();
    expect(await repo.getSettings('ubnd', '2023-05')).toBeNull();
    stored.set('ubnd:2023-05', { partA: 'B' }); // written elsewhere
    expect(await repo.getSettings('ubnd', '2023-05')).toBeNull(); // same version: the cached answer
    state.version = 5; // the poll learned of the other instance's bump
    expect(await repo.getSettings('ubnd', '2023-05')).toEqual({ partA: 'B' });
  });

  test('when a read runs inside a write (not snapshot mode), then it always reads the database', async () => {
    const { repo, state, reads } = setup();
    state.snapshotMode = false;
    await repo.getSettings('ubnd', '2023-05');
    await repo.getSettings('ubnd', '2023-05');
    expect(reads()).toBe(2);
  });
});
