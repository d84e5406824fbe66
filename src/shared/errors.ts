/**
 * Typed domain errors. Only `src/http/error-handler.ts` maps them to HTTP status codes; the domain
 * never speaks HTTP.
 */

/** One problem with one input field, e.g. `{field: 'rrule', problem: 'FREQ is missing'}`. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  /** A hint for the client on what to do next. */
  readonly help?: string;
  constructor(message: string, help?: string) {
    super(message);
    this.name = new.target.name;
    if (help !== undefined) this.help = help;
  }
}

/** Input that breaks a rule: reports every problem at once. */
export class ValidationError extends AppError {
  readonly code = 'validation_failed';
  constructor(
    readonly details: FieldProblem[],
    message = 'The request has invalid fields.',
  ) {
    super(message);
  }
  static field(field: string, problem: string): ValidationError {
    return new ValidationError([{ field, problem }]);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} '${id}' was not found.`);
  }
}

/** The request conflicts with stored state (duplicate code, item number taken...). */
export class ConflictError extends AppError {
  readonly code = 'conflict';
  constructor(
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
  constructor(message = 'An API key is required: send it as "Authorization: Bearer <key>".') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
  constructor(message = 'This API key may not do that.') {
    super(message);
  }
}

export class RateLimitedError extends AppError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests; try again later.');
  }
}
