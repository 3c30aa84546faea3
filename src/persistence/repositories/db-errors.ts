import { QueryFailedError } from 'typeorm';
import type { AppError } from '../../domain/errors';

interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** The PostgreSQL error code and constraint name behind a failed query (pg and PGlite alike). */
export function constraintViolation(e: unknown): { code: string; constraint: string | undefined } | null {
  const driverError: DriverError | undefined = e instanceof QueryFailedError ? (e.driverError as DriverError) : undefined;
  if (!driverError?.code?.startsWith('23')) return null;
  let constraint = driverError.constraint;
  if (!constraint && driverError.message) {
    // PGlite does not always fill the structured field; the message names the constraint.
    constraint = /constraint "([^"]+)"/.exec(driverError.message)?.[1];
  }
  return { code: driverError.code, constraint };
}

/**
 * Turns a named constraint violation into the domain error the caller expects; anything else is
 * rethrown unchanged (a bug, not bad input).
 */
export async function translateViolations<T>(work: Promise<T>, byConstraint: Record<string, () => AppError>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const violation = constraintViolation(e);
    const make = violation?.constraint ? byConstraint[violation.constraint] : undefined;
    if (make) throw make();
    throw e;
  }
}
