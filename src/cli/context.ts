import os from 'node:os';
import type { Command } from 'commander';
import { type AppConfig, loadConfigFromProcess } from '../config';
import { UnavailableError, ValidationError } from '../domain/errors';
import type { Actor } from '../domain/model';
import { createLogger, type Logger } from '../logger';
import { databaseStorageFault, databaseUnavailable, type Hub, openHub } from '../main';
import { type CliIo, DatabaseUnreachableError, EXIT, exitCodeFor, oneLineReason, readTextFile, VerdictError } from './io';

/** Options every command accepts (declared on the program in program.ts). */
interface GlobalOptions {
  json?: boolean;
}

/** What every command module gets from the program: one definition of each shared CLI helper. */
export interface CliContext {
  /**
   * Wraps a command's action: a failure becomes one line on stderr (and a JSON error on stdout with
   * --json) and the exit code for that error, never a stack trace.
   */
  action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void>;
  /** Opens the hub for one command, requires an up-to-date schema unless told otherwise, and always closes it. */
  withHub<T>(work: (hub: Hub) => Promise<T>, opts?: { requireMigrated?: boolean }): Promise<T>;
  /** The result of a command: `data` as JSON with --json, else the human text. */
  print(cmd: Command, data: unknown, human: string): void;
  /** The command printed its result, but the outcome is a finding (e.g. `privacy check` found a difference): exit with this code. */
  exitWith(code: number): void;
  /** A line on stderr (not the result of the command). */
  stderr(text: string): void;
  /** Who did it, for the audit log: the OS user running the CLI (an operator on the server). */
  actor(): Actor;
  /** The configuration from the environment, read once on first use. */
  config(): AppConfig;
  /** The CLI's own log (stderr); one-shot commands stay quiet at the `info` level. */
  logger(level?: AppConfig['logLevel']): Logger;
  /** One line from stdin (a password); on a terminal it is not echoed. */
  readStdin(): Promise<string>;
  /** A UTF-8 text file the operator named; unreadable is a usage error. */
  readFile(file: string): string;
  /** An option's date: 2026-08-01 (UTC midnight) or a full ISO timestamp. */
  parseDate(value: string, flag: string): Date;
  /** An option's count: a whole number of at least 1. */
  parsePositiveInt(value: string, flag: string): number;
  /** stderr is a terminal (progress bars are drawn only there). */
  readonly stderrIsTerminal: boolean;
}

function osUserActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* containers without a passwd entry */
  }
  return { type: 'cli', id: user };
}

function parseDate(value: string, flag: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) throw new ValidationError(`${flag} must be a date like 2026-08-01`);
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new ValidationError(`${flag} '${value}' is not a valid date`);
  return d;
}

function parsePositiveInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ValidationError(`${flag} must be a positive whole number`);
  return Number(value);
}

/**
 * The context for one program. `failed` receives the exit code of a command whose action threw: the
 * program (program.ts) owns the exit code and returns it once parsing ends.
 */
export function createCliContext(io: CliIo, failed: (exitCode: number) => void): CliContext {
  let loadedConfig: AppConfig | null = null;
  const config = () => (loadedConfig ??= loadConfigFromProcess());
  const wantsJson = (cmd: Command) => cmd.optsWithGlobals<GlobalOptions>().json;
  // Before the configuration is read (e.g. a failure while reading it), the CLI logs at `warn`.
  const logger = (level?: AppConfig['logLevel']): Logger =>
    createLogger({ logLevel: level ?? (loadedConfig?.logLevel === 'info' ? 'warn' : (loadedConfig?.logLevel ?? 'warn')) }, 2);

  // A database that cannot write (full disk, read-only) is told as such, naming where, not as a crash.
  const storageFault = (e: unknown) => (loadedConfig ? databaseStorageFault(loadedConfig, e) : null);
  // PostgreSQL that cannot serve now: its own exit code and a "try again" line, not exit 1.
  const unreachable = (e: unknown) => (databaseUnavailable(e) ? new DatabaseUnreachableError(oneLineReason(e)) : null);

  return {
    action:
      <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
      async (...args: A) => {
        const cmd = args[args.length - 1] as Command;
        try {
          await fn(...args);
        } catch (thrown) {
          const e = storageFault(thrown) ?? unreachable(thrown) ?? thrown;
          const exitCode = exitCodeFor(e);
          failed(exitCode);
          if (exitCode === EXIT.failure) logger('debug').debug({ err: e }, 'command failed');
          if (wantsJson(cmd))
            io.stdout(
              JSON.stringify({
                error: (e as { kind?: string }).kind ?? 'error',
                message: oneLineReason(e),
                ...(e instanceof VerdictError ? e.data : {}),
              }),
            );
          io.stderr(`leerpoort: ${oneLineReason(e)}`);
        }
      },
    async withHub<T>(work: (hub: Hub) => Promise<T>, opts: { requireMigrated?: boolean } = {}): Promise<T> {
      const hub = await openHub(config(), logger());
      try {
        if (opts.requireMigrated !== false && (await hub.db.dataSource.showMigrations())) {
          throw new UnavailableError('the database schema is not up to date; run `leerpoort migrate` first');
        }
        return await work(hub);
      } finally {
        await hub.close();
      }
    },
    print: (cmd, data, human) => io.stdout(wantsJson(cmd) ? JSON.stringify(data) : human),
    stderr: (text) => io.stderr(text),
    exitWith: (code) => failed(code),
    actor: osUserActor,
    config,
    logger,
    readStdin: () => io.readStdin(),
    readFile: (file) => readTextFile(file),
    parseDate,
    parsePositiveInt,
    stderrIsTerminal: process.stderr.isTTY === true,
  };
}
