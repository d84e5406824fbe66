import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap';
import { ROLES, type Role } from './api-keys';

const USAGE = `Usage:
  npm run apikey -- create --name "<who>" --role office|agency|reader [--agency <agency-code>]
  npm run apikey -- list
  npm run apikey -- revoke <key-id>`;

/** `npm run apikey`: API keys are created here only; the secret is printed once and never stored. */
async function run(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, agency: { type: 'string' } },
  });
  const [command, arg] = positionals;
  if (!command || !['create', 'list', 'revoke'].includes(command)) throw new Error(USAGE);
  if (command === 'create') {
    if (!values.name || !values.role || !ROLES.includes(values.role as Role)) throw new Error(USAGE);
    if (values.role === 'agency' && !values.agency) throw new Error('--agency is required for role agency');
  }
  const ctx = await bootstrap({ seed: false });
  try {
    const keys = ctx.services.apiKeys;
    if (command === 'create') {
      if (values.agency) await ctx.services.organisation.getAgency(values.agency);
      const { key, secret } = await keys.create({
        name: values.name!,
        role: values.role as Role,
        agencyCode: values.agency ?? null,
      });
      process.stdout.write(
        `Created key ${key.id} (${key.role}${key.agencyCode ? `, ${key.agencyCode}` : ''}).\nSecret (shown once, keep it safe):\n${secret}\n`,
      );
    } else if (command === 'list') {
      for (const k of await keys.list()) {
        process.stdout.write(
          `${k.id}\t${k.role}\t${k.agencyCode ?? '-'}\t${k.prefix}…\t${k.name}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}\n`,
        );
      }
    } else {
      if (!arg) throw new Error(USAGE);
      const now = new Date();
      const key = await keys.revoke(arg, now);
      if (!key) throw new Error(`No key ${arg}`);
      process.stdout.write(
        key.revokedAt && now.getTime() !== key.revokedAt.getTime()
          ? `${key.id} was already revoked at ${key.revokedAt.toISOString()}.\n`
          : `Revoked ${key.id}.\n`,
      );
    }
  } finally {
    await ctx.close();
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
