/**
 * Domain errors. Edges (HTTP, CLI, SAML) translate them: `status` for HTTP, `exitCode` for the CLI,
 * `publicMessage` may be shown to users, `detail` is for logs only.
 */
export type ErrorKind = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'licence' | 'saml_request' | 'unavailable';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  licence: 403,
  saml_request: 400,
  unavailable: 503,
};

const EXIT_CODE: Record<ErrorKind, number> = {
  validation: 2,
  not_found: 3,
  conflict: 4,
  forbidden: 5,
  licence: 5,
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
export class NotFoundError extends AppError {
  readonly kind = 'not_found' as const;
}
export class ConflictError extends AppError {
  readonly kind = 'conflict' as const;
}
export class ForbiddenError extends AppError {
  readonly kind = 'forbidden' as const;
}
export class LicenceError extends AppError {
  readonly kind = 'licence' as const;
}
export class SamlRequestError extends AppError {
  readonly kind = 'saml_request' as const;
}
export class UnavailableError extends AppError {
  readonly kind = 'unavailable' as const;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
