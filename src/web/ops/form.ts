import type { Request } from 'express';
import { isAppError } from '../../domain/errors';

/** Small helpers every console form shares (one home instead of a copy per page module). */

/** A text field of the parsed form; '' when absent or not a single string (a repeated field arrives as an array). */
export const field = (req: Request, name: string): string => (typeof req.body?.[name] === 'string' ? (req.body[name] as string) : '');

/** The non-empty lines of a textarea, trimmed. */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A refusal the operator can correct (bad input, an unknown name, a conflict) is shown beside the form; anything else goes to the error handler. */
export const correctable = (e: unknown): boolean => isAppError(e) && ['validation', 'not_found', 'conflict'].includes(e.kind);
