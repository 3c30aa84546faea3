import fs from 'node:fs';
import { isAppError, ValidationError } from '../domain/errors';
import { ConfigError } from '../config';
import { SecretsError } from '../crypto/secrets';

/** Exit codes of the `leerpoort` command, documented in the README. */
export const EXIT = Object.freeze({
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  forbidden: 5,
  unavailable: 6,
  /** `audit verify`: the chain is broken; `retention verify-certificate`: the certificate was changed. */
  tampered: 10,
  /** `retention verify-certificate`: signed, but not by a key of this hub. */
  otherKey: 11,
  /** The database could not be reached or could not serve just now: retrying later may work (sysexits EX_TEMPFAIL). */
  databaseUnreachable: 75,
  config: 78,
});

/** A command's verdict that is not an error of the command itself (a broken chain, a forged certificate): its own exit code. */
export class VerdictError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly kind: string,
    /** With --json: printed beside `error` and `message` (e.g. the verification report). */
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'VerdictError';
  }
}

/**
 * PostgreSQL stopped, restarting, unreachable or out of connections (the same classification that makes
 * the web answer 503, persistence/unavailable.ts): not a bug of the command, so not exit 1 — a script
 * or an operator may simply run it again.
 */
export class DatabaseUnreachableError extends Error {
  readonly kind = 'unavailable';
  constructor(readonly reason: string) {
    super(`database niet bereikbaar, probeer het zo opnieuw / database unreachable, try again shortly — ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  readStdin: () => readSecretFromStdin(),
};

/** Reads one line from stdin; on a terminal it prompts and does not echo what is typed. */
async function readSecretFromStdin(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  }
  process.stderr.write('Nieuw wachtwoord / new password: ');
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof DatabaseUnreachableError) return EXIT.databaseUnreachable;
  if (isAppError(e)) return e.exitCode;
  if (e instanceof VerdictError) return e.exitCode;
  if (e instanceof ConfigError || e instanceof SecretsError) return EXIT.config;
  return EXIT.failure;
}

/** One line: the reason, without stack traces (those go to the log at debug level). */
export function oneLineReason(e: unknown): string {
  if (e instanceof ConfigError) return `invalid configuration: ${e.problems.join('; ')}`;
  const message = isAppError(e) ? e.publicMessage : e instanceof Error ? e.message : String(e);
  return message.replace(/\s*\n\s*/g, '; ');
}

/** Reads a UTF-8 file the operator named; an unreadable file is a usage error that names it (`what`: e.g. 'metadata file'). */
export function readTextFile(file: string, what?: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read ${what ? `${what} ` : ''}${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
