import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../shared/errors';
import type { CodeRepository, NewRecord, OrganisationRepositories } from './repository';
import type { Agency, Body, Official } from './types';
import type { AgencyInput, BodyInput, OfficialInput } from './schemas';

export interface OrganisationDeps {
  repos: OrganisationRepositories;
  defaultTimeZone: string;
  /** Called after every write: names appear in feeds and documents, whose caches key on it. */
  onChange?: () => Promise<unknown>;
}

/** References a write names; each must exist. */
export interface References {
  bodyCode?: { field: string; code: string };
  agencies?: { field: string; code: string }[];
  officials?: { field: string; code: string }[];
}

export type OrganisationService = ReturnType<typeof organisationService>;

export function organisationService({
  repos,
  defaultTimeZone,
  onChange = () => Promise.resolve(undefined),
}: OrganisationDeps) {
  /** Every unknown body, agency or official named by a write, reported together. */
  async function referenceProblems(refs: References): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (refs.bodyCode && !(await repos.bodies.get(refs.bodyCode.code))) {
      problems.push({ field: refs.bodyCode.field, problem: `unknown body '${refs.bodyCode.code}'` });
    }
    for (const [kind, list, repo] of [
      ['agency', refs.agencies, repos.agencies],
      ['official', refs.officials, repos.officials],
    ] as const) {
      if (!list?.length) continue;
      const found = new Set((await repo.getMany(list.map((r) => r.code))).map((r) => r.code));
      for (const r of list)
        if (!found.has(r.code)) problems.push({ field: r.field, problem: `unknown ${kind} '${r.code}'` });
    }
    return problems;
  }

  async function assertReferences(refs: References): Promise<void> {
    const problems = await referenceProblems(refs);
    if (problems.length) throw new ValidationError(problems);
  }

  async function mustGet<T>(what: string, code: string, get: (c: string) => Promise<T | null>): Promise<T> {
    const found = await get(code);
    if (!found) throw new NotFoundError(what, code);
    return found;
  }

  async function createUnique<T extends { code: string }>(
    what: string,
    repo: CodeRepository<T>,
    record: NewRecord<T>,
  ): Promise<T> {
    if (await repo.get(record.code)) {
      throw new ConflictError(`${what} '${record.code}' already exists.`, [
        { field: 'code', problem: 'is already taken' },
      ]);
    }
    const created = await repo.create(record);
    await onChange();
    return created;
  }

  async function changed<T>(result: T): Promise<T> {
    await onChange();
    return result;
  }

  return {
    referenceProblems,
    assertReferences,

    listBodies: () => repos.bodies.list(),
    getBody: (code: string) => mustGet('Body', code, repos.bodies.get),
    createBody: (input: BodyInput): Promise<Body> =>
      createUnique('Body', repos.bodies, { ...input, timeZone: input.timeZone ?? defaultTimeZone }),
    async updateBody(code: string, patch: Partial<BodyInput>): Promise<Body> {
      await mustGet('Body', code, repos.bodies.get);
      return changed((await repos.bodies.update(code, patch))!);
    },

    listAgencies: (bodyCode?: string) => repos.agencies.list(bodyCode ? { bodyCode } : {}),
    getAgency: (code: string) => mustGet('Agency', code, repos.agencies.get),
    async createAgency(input: AgencyInput): Promise<Agency> {
      await assertReferences({ bodyCode: { field: 'bodyCode', code: input.bodyCode } });
      return createUnique('Agency', repos.agencies, input);
    },
    async updateAgency(code: string, patch: Partial<AgencyInput>): Promise<Agency> {
      await mustGet('Agency', code, repos.agencies.get);
      if (patch.bodyCode) await assertReferences({ bodyCode: { field: 'bodyCode', code: patch.bodyCode } });
      return changed((await repos.agencies.update(code, patch))!);
    },

    listOfficials: (bodyCode?: string) => repos.officials.list(bodyCode ? { bodyCode } : {}),
    getOfficial: (code: string) => mustGet('Official', code, repos.officials.get),
    async createOfficial(input: OfficialInput): Promise<Official> {
      await assertReferences({
        bodyCode: { field: 'bodyCode', code: input.bodyCode },
        agencies: input.agencyCode ? [{ field: 'agencyCode', code: input.agencyCode }] : [],
      });
      return createUnique('Official', repos.officials, input);
    },
    async updateOfficial(code: string, patch: Partial<OfficialInput>): Promise<Official> {
      await mustGet('Official', code, repos.officials.get);
      await assertReferences({
        ...(patch.bodyCode ? { bodyCode: { field: 'bodyCode', code: patch.bodyCode } } : {}),
        agencies: patch.agencyCode ? [{ field: 'agencyCode', code: patch.agencyCode }] : [],
      });
      return changed((await repos.officials.update(code, patch))!);
    },
  };
}
