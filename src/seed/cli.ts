import { bootstrap } from '../bootstrap';
import { loadProgrammeSeeds } from '../publishing/seed';
import { loadSeed } from './load';

/** `npm run seed`: loads seeds/ into the configured database (idempotent). */
async function run(): Promise<void> {
  const ctx = await bootstrap({ seed: false });
  try {
    const report = await loadSeed(ctx.services);
    process.stdout.write(`Seed loaded: ${JSON.stringify(report.created)}\n`);
    process.stdout.write(`Programme part A loaded for: ${JSON.stringify(await loadProgrammeSeeds(ctx.services))}\n`);
    for (const w of report.warnings) process.stdout.write(`  cảnh báo: ${w}\n`);
  } finally {
    await ctx.close();
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
