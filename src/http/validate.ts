import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldProblem } from '../shared/errors';

/** Turns zod issues into our `{field, problem}` list; `where` prefixes the path (`query.from`). */
export function zodProblems(error: z.ZodError, where?: string): FieldProblem[] {
  const name = (path: PropertyKey[]) => [where, ...path.map(String)].filter(Boolean).join('.') || '(root)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: name([...issue.path, key]), problem: 'is not a known field' }))
      : [{ field: name(issue.path), problem: issue.message }],
  );
}

/** Parses `value` with `schema` or throws a ValidationError that lists every problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodProblems(result.error, where));
  return result.data;
}

export interface Validated<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/**
 * Validates params, query and body at once (all problems reported together) and hands the
 * parsed values to the handler in `res.locals.input`.
 */
export function validate(schemas: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType }): RequestHandler {
  return (req, res, next) => {
    const problems: FieldProblem[] = [];
    const input: Record<string, unknown> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const raw: unknown = part === 'body' ? (req.body ?? {}) : req[part];
      const result = schema.safeParse(raw);
      if (result.success) input[part] = result.data;
      else problems.push(...zodProblems(result.error, part === 'body' ? undefined : part));
    }
    if (problems.length) {
      next(new ValidationError(problems));
      return;
    }
    res.locals.input = input;
    next();
  };
}

/** The parsed input stored by `validate`. */
export function inputOf<P = unknown, Q = unknown, B = unknown>(res: {
  locals: Record<string, unknown>;
}): Validated<P, Q, B> {
  return res.locals.input as Validated<P, Q, B>;
}
