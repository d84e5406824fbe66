import { completePendingIntents, runWithIntent, type Intent, type IntentRepository } from '../../../src/shared/intents';

/** An in-memory intent store with the repository's contract (the real one is exercised by test/chaos). */
function memoryIntents(): IntentRepository & { all: Map<string, Intent> } {
  const all = new Map<string, Intent>();
  let n = 0;
  return {
    all,
    async record(kind, payload, now = new Date()) {
      const id = `intent-${++n}`;
      all.set(id, { id, kind, payload, createdAt: now, attempts: 0, lastError: null });
      return id;
    },
    async done(id) {
      all.delete(id);
    },
    async pending(createdBefore) {
      return [...all.values()]
        .filter((i) => i.createdAt <= createdBefore)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async failed(id, error) {
      const i = all.get(id);
      if (i) all.set(id, { ...i, attempts: i.attempts + 1, lastError: error });
    },
    async count() {
      return all.size;
    },
  };
}

describe('runWithIntent', () => {
  test('when the work succeeds, then the intent is gone', async () => {
    const intents = memoryIntents();
    await expect(runWithIntent(intents, 'k', { a: 1 }, async () => 'ok')).resolves.toBe('ok');
    expect(intents.all.size).toBe(0);
  });

  test('when the work fails half-way, then the intent stays for the completion pass and the error reaches the caller', async () => {
    const intents = memoryIntents();
    await expect(
      runWithIntent(intents, 'k', { a: 1 }, async () => Promise.reject(new Error('database went away'))),
    ).rejects.toThrow('database went away');
    expect([...intents.all.values()].map((i) => [i.kind, i.payload])).toEqual([['k', { a: 1 }]]);
  });
});

describe('completePendingIntents', () => {
  const at = (s: string) => new Date(`2026-11-29T${s}Z`);

  test('when intents are old enough, then each is redone by its handler and deleted; younger ones wait', async () => {
    const intents = memoryIntents();
    await intents.record('due-dates', { occurrenceIds: ['a'] }, at('10:00:00'));
    await intents.record('due-dates', { occurrenceIds: ['b'] }, at('10:00:50'));
    const seen: unknown[] = [];
    const report = await completePendingIntents(
      intents,
      { 'due-dates': async (p) => void seen.push(p.occurrenceIds) },
      { now: at('10:01:00'), minAgeMs: 30_000 },
    );
    expect(report).toEqual({ completed: 1, failed: 0, unknown: 0 });
    expect(seen).toEqual([['a']]);
    expect([...intents.all.values()].map((i) => i.payload.occurrenceIds)).toEqual([['b']]);
  });

  test('when a handler fails, then the intent stays with its attempts and last error; an unknown kind is left alone', async () => {
    const intents = memoryIntents();
    const failing = await intents.record('revision-notices', { version: 2 }, at('10:00:00'));
    await intents.record('from-a-newer-release', {}, at('10:00:00'));
    const report = await completePendingIntents(
      intents,
      { 'revision-notices': async () => Promise.reject(new Error('not stored yet')) },
      { now: at('10:05:00') },
    );
    expect(report).toEqual({ completed: 0, failed: 1, unknown: 1 });
    expect(intents.all.get(failing)).toMatchObject({ attempts: 1, lastError: 'Error: not stored yet' });
    expect(intents.all.size).toBe(2);
  });
});
