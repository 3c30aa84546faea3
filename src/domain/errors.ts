/**
 * Domain errors. Edges translate them: `status` for HTTP, `exitCode` for the CLI, `kind` as the JSON
 * error code; `publicMessage` may be shown to users, `detail` is for logs only.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'saml_request'
  | 'unavailable';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  saml_request: 400,
  unavailable: 503,
};

const EXIT_CODE: Record<ErrorKind, number> = {
  validation: 2,
  unauthenticated: 5,
  forbidden: 5,
  not_found: 3,
  conflict: 4,
  rate_limited: 6,
  saml_request: 2,
  unavailable: 6,
};

export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    readonly publicMessage: string,
    readonly detail?: string,
  ) {
    super(publicMessage);
    this.name = new.target.name;
  }
  get status(): number {
    return STATUS[this.kind];
  }
  get exitCode(): number {
    return EXIT_CODE[this.kind];
  }
}

export class ValidationError extends AppError {
  readonly kind = 'validation' as const;
}
/** No valid credentials (a missing or bad token): HTTP 401. */
export class UnauthenticatedError extends AppError {
  readonly kind = 'unauthenticated' as const;
}
export class ForbiddenError extends AppError {
  readonly kind = 'forbidden' as const;
}
export class NotFoundError extends AppError {
  readonly kind = 'not_found' as const;
}
export class ConflictError extends AppError {
  readonly kind = 'conflict' as const;
}
/** Too many requests: the edge answers 429 with Retry-After. */
export class RateLimitedError extends AppError {
  readonly kind = 'rate_limited' as const;
  constructor(
    publicMessage: string,
    readonly retryAfterSeconds: number,
  ) {
    super(publicMessage);
  }
}
export class SamlRequestError extends AppError {
  readonly kind = 'saml_request' as const;
}
/** Cannot serve right now (the database is unreachable or overloaded): HTTP 503, with Retry-After when known. */
export class UnavailableError extends AppError {
  readonly kind = 'unavailable' as const;
  constructor(
    publicMessage: string,
    detail?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(publicMessage, detail);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
