/**
 * Publishing settings (src/publishing/settings.ts: part A, signature, recipients, number line per
 * body and month) under the read model's freshness rule, so a public week page reads no database:
 * - every save bumps the schedule version (through the read model, so the writing instance sees
 *   it at once and the others within one poll, as for the schedule itself);
 * - reads in snapshot mode (GET and HEAD requests) are kept per instance for the schedule version
 *   known when they were read; a newer known version empties the cache. Reads inside writes (a
 *   publish) still go to the database.
 * The repository is patched in place: the publishing service holds it already (services.ts).
 */
import type { ReadModel } from './index';

/** The settings part of the publishing repository (structural: the read model does not import publishing). */
export interface SettingsRepo<S> {
  getSettings(bodyCode: string, month: string): Promise<S | null>;
  previousSettings(bodyCode: string, month: string): Promise<S | null>;
  saveSettings(bodyCode: string, month: string, patch: S, by: string, at: Date): Promise<void>;
}

export function cacheSettings<S>(
  repo: SettingsRepo<S>,
  model: Pick<ReadModel, 'knownVersion' | 'snapshotMode' | 'bump'>,
): void {
  const raw = {
    getSettings: repo.getSettings.bind(repo),
    previousSettings: repo.previousSettings.bind(repo),
    saveSettings: repo.saveSettings.bind(repo),
  };
  let version = -1;
  const entries = new Map<string, Promise<S | null>>();
  const cached =
    (kind: 'own' | 'previous', read: (bodyCode: string, month: string) => Promise<S | null>) =>
    (bodyCode: string, month: string): Promise<S | null> => {
      if (!model.snapshotMode()) return read(bodyCode, month);
      const known = model.knownVersion();
      if (known !== version) {
        entries.clear();
        version = known;
      }
      const key = `${kind}|${bodyCode}|${month}`;
      let hit = entries.get(key);
      if (!hit) {
        // Read after the version was known: the result is at least that new. A failed read is not kept.
        hit = read(bodyCode, month);
        entries.set(key, hit);
        hit.catch(() => entries.get(key) === hit && entries.delete(key));
        if (entries.size > 10_000) entries.clear();
      }
      return hit;
    };
  repo.getSettings = cached('own', raw.getSettings);
  repo.previousSettings = cached('previous', raw.previousSettings);
  repo.saveSettings = async (bodyCode, month, patch, by, at) => {
    await raw.saveSettings(bodyCode, month, patch, by, at);
    await model.bump();
  };
}
