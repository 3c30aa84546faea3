import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program';

/**
 * The guides in docs/ and their commands. A fenced block whose info string is `sh check` or `sh run`
 * holds commands the tests keep true: every `leerpoort` line must parse with the real CLI program,
 * every documented hub URL must answer, and `sh run` blocks are executed in order against a fresh hub
 * database (test/e2e/guides.test.ts).
 */
export const DOCS = path.resolve(__dirname, '../../../docs');
export const GUIDES = ['publishers.md', 'operators.md', 'schools.md'] as const;

export interface GuideBlock {
  readonly guide: string;
  readonly kind: 'check' | 'run';
  readonly lines: string[];
}

export const readGuide = (guide: string) => fs.readFileSync(path.join(DOCS, guide), 'utf8');

export function guideBlocks(guide: string): GuideBlock[] {
  const out: GuideBlock[] = [];
  const re = /^```sh (check|run)\n([\s\S]*?)^```$/gm;
  for (const m of readGuide(guide).matchAll(re))
    out.push({
      guide,
      kind: m[1] as 'check' | 'run',
      lines: m[2]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    });
  return out;
}

/** Words of a command line as a POSIX shell splits them (quotes; no expansion needed in our lines). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let any = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (ch === ' ') {
      if (cur || any) words.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (quote) throw new Error(`unbalanced quote in: ${line}`);
  if (cur || any) words.push(cur);
  return words;
}

/** The `leerpoort` arguments of a guide line (`npx leerpoort …` or `leerpoort …`), else null. */
export function leerpoortArgs(line: string): string[] | null {
  const words = shellWords(line);
  if (words[0] === 'npx' && words[1] === 'leerpoort') return words.slice(2);
  if (words[0] === 'leerpoort') return words.slice(1);
  return null;
}

/**
 * Parses the arguments with the real `leerpoort` program, every command's action replaced by a
 * recorder: unknown commands and options, missing required options and bad arity fail here. Returns the
 * command path that would run (`keys rotate`), or throws commander's error.
 */
export async function parseWithRealCli(args: string[]): Promise<string> {
  const { program } = buildProgram({ stdout: () => undefined, stderr: () => undefined, readStdin: async () => '' });
  let ran = '';
  const neutralise = (cmd: Command, prefix: string) => {
    for (const sub of cmd.commands) {
      const name = `${prefix}${sub.name()}`;
      sub.action(() => {
        ran = name;
      });
      neutralise(sub, `${name} `);
    }
  };
  neutralise(program, '');
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if ((e as { code?: string }).code === 'commander.helpDisplayed') return 'help';
    throw e;
  }
  if (!ran) throw new Error(`no command ran for: leerpoort ${args.join(' ')}`);
  return ran;
}

/**
 * Hub URLs the guides name: on the documented origin (http://localhost:3000) in checked blocks — POST
 * when the `curl` line sends a body (`-d`) — and screens named as `/admin…` or `/class` in the text.
 */
export function documentedHubPaths(guide: string): Array<{ path: string; method: 'GET' | 'POST' }> {
  const found = new Map<string, 'GET' | 'POST'>();
  for (const block of guideBlocks(guide))
    for (const line of block.lines)
      for (const m of line.matchAll(/http:\/\/localhost:3000(\/[^\s"'`)]*)/g)) found.set(m[1]!, / -d /.test(line) ? 'POST' : 'GET');
  for (const m of readGuide(guide).matchAll(/`(\/(?:admin|class|portal|status|login)[^`\s]*)`/g))
    if (!found.has(m[1]!)) found.set(m[1]!, 'GET');
  return [...found].sort(([a], [b]) => a.localeCompare(b)).map(([path, method]) => ({ path, method }));
}
