/**
 * Seeds part A of programmes from `seeds/programmes/<body>-<YYYY-MM>.md` (the real programme of
 * May 2023 for UBND huyện Lục Ngạn). Idempotent: a month whose part A is already written is left alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/paths';
import type { PublishingService } from './service';
import type { PublishingRepository } from './repository';

export async function loadProgrammeSeeds(
  s: {
    publishing: PublishingService;
    publishingRepo: PublishingRepository;
    orgRepos: { bodies: { get(code: string): Promise<unknown> } };
  },
  dir = join(projectRoot(), 'seeds', 'programmes'),
): Promise<string[]> {
  const loaded: string[] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /^[a-z0-9-]+-\d{4}-\d{2}\.md$/.test(f))
      .sort();
  } catch {
    return loaded;
  }
  for (const file of files) {
    const m = /^(.+)-(\d{4}-\d{2})\.md$/.exec(file)!;
    const [bodyCode, month] = [m[1]!, m[2]!];
    if (!(await s.orgRepos.bodies.get(bodyCode))) continue;
    if ((await s.publishingRepo.getSettings(bodyCode, month))?.partA) continue;
    await s.publishing.savePartA(bodyCode, month, readFileSync(join(dir, file), 'utf8'), 'seed');
    loaded.push(`${bodyCode}/${month}`);
  }
  return loaded;
}
