import fs from 'node:fs';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { ImportSummary } from '../../domain/roster/import.service';
import type { Roster } from '../../domain/roster/roster';
import { readCsvRoster } from '../../import/csv/read-csv';
import { readEdexmlFilesAhead, readEdexmlWhileChecking } from '../../import/edexml/read-edexml';
import { ValidationError } from '../../domain/errors';
import { loginCardGroups } from '../../import/login-card-groups';
import { loginCardsPdf } from '../../import/login-cards-pdf';
import { render } from '../../web/views';
import type { CliContext } from '../context';

interface ImportOptions {
  school?: string;
  dryRun?: boolean;
  cards?: string;
  accounts?: boolean;
}

/** Printable login cards per group (HTML; print to PDF from the browser). */
function loginCardsHtml(summary: ImportSummary, loginUrl: string): string {
  return render('login-cards.njk', { school: summary.school, groups: loginCardGroups(summary.newAccounts), loginUrl });
}

/** Login cards: HTML, or PDF when the file name ends in .pdf. Written mode 0600: they hold passwords. */
async function writeCards(file: string, summary: ImportSummary, loginUrl: string): Promise<void> {
  if (file.toLowerCase().endsWith('.pdf')) fs.writeFileSync(file, await loginCardsPdf(summary, loginUrl), { mode: 0o600 });
  else fs.writeFileSync(file, loginCardsHtml(summary, loginUrl), { mode: 0o600 });
}

/** The human summary of an import: what changed, the warnings, where the login cards went. */
function formatSummary(s: ImportSummary, cards?: string): string {
  const { groups, people } = s;
  const lines = [
    `${s.dryRun ? 'DRY RUN (nothing written)' : 'applied'} — school ${s.school}, ${s.source}`,
    `  groups: ${groups.added} new, ${groups.changed} changed, ${groups.unchanged} unchanged` +
      `${s.yearTransition ? '  (year transition: groups moved up a year)' : ''}`,
    `  people: ${people.added} new, ${people.changed} changed, ${people.moved} moved, ${people.reactivated} back, ` +
      `${people.deactivated} left (deactivated), ${people.unchanged} unchanged`,
    ...s.warnings.map((w) => `  warning: ${w}`),
  ];
  if (!s.dryRun && s.newAccounts.length) {
    lines.push(
      cards
        ? `  ${s.newAccounts.length} new account(s): login cards written to ${cards}`
        : `  ${s.newAccounts.length} new account(s): run with --cards FILE to print login cards`,
    );
  }
  return lines.join('\n');
}

async function runImport(
  ctx: CliContext,
  cmd: Command,
  roster: Roster,
  o: ImportOptions,
  source: string,
  warnings: string[] = [],
  verdict?: Promise<void>,
): Promise<void> {
  const bar = ctx.stderrIsTerminal
    ? new SingleBar(
        { format: 'nieuwe accounts / new accounts [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true },
        Presets.shades_classic,
      )
    : null;
  let started = false;
  try {
    const summary = await ctx.withHub(async (hub) => {
      const s = await hub.services.rosterImport.import(roster, {
        expectedBrin: o.school,
        dryRun: !!o.dryRun,
        source,
        actor: ctx.actor(),
        warnings,
        verdict,
        createAccounts: o.accounts !== false,
        onProgress: bar
          ? (done, total) => {
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            }
          : undefined,
      });
      if (o.cards && !s.dryRun) await writeCards(o.cards, s, `${hub.config.baseUrl}/login`);
      return s;
    });
    bar?.stop();
    // Passwords go to the cards file only, never to stdout or a log.
    const { newAccounts, ...rest } = summary;
    const cards = o.cards && !summary.dryRun ? o.cards : null;
    ctx.print(cmd, { ...rest, newAccounts: newAccounts.length, cards }, formatSummary(summary, o.cards));
  } finally {
    bar?.stop();
  }
}

/**
 * Several EDEXML files (bulk onboarding), each its own school and its own transaction, in the order
 * given: the next file is read and schema-checked while the current one is written. The first refusal
 * stops the run; the files before it stay applied, and the message says so.
 */
async function runBulkEdexml(ctx: CliContext, cmd: Command, files: string[], o: ImportOptions): Promise<void> {
  if (o.cards) throw new ValidationError('--cards takes one file at a time (login cards are per school)');
  if (o.school) throw new ValidationError('--school takes one file at a time (with several files, each names its own school)');
  await ctx.withHub(async (hub) => {
    let i = 0;
    try {
      for await (const { roster, verdict, file } of readEdexmlFilesAhead(files)) {
        const summary = await hub.services.rosterImport.import(roster, {
          dryRun: !!o.dryRun,
          source: `EDEXML ${path.basename(file)}`,
          actor: ctx.actor(),
          verdict,
          createAccounts: o.accounts !== false,
        });
        const { newAccounts, ...rest } = summary;
        ctx.print(
          cmd,
          { file, ...rest, newAccounts: newAccounts.length, cards: null },
          `[${i + 1}/${files.length}] ${formatSummary(summary)}`,
        );
        i++;
      }
    } catch (e) {
      const before =
        i === 0 ? 'no file was applied' : o.dryRun ? 'nothing was written (dry run)' : `the ${i} file(s) before it were applied`;
      ctx.stderr(`leerpoort: ${path.basename(files[i]!)} (file ${i + 1} of ${files.length}) refused — ${before}, the rest not started`);
      throw e;
    }
  });
}

/** `import edexml|csv`: a roster from the student administration (LAS), validated, diffed and applied in one transaction. */
export function register(program: Command, ctx: CliContext): void {
  const imp = program.command('import').description('import school data from the student administration (LAS)');
  const common = (c: Command) =>
    c
      .option('--dry-run', 'show what would change; write nothing')
      .option('--cards <file>', 'write printable login cards for the new accounts (.html, or .pdf)')
      .option('--no-accounts', 'create no username/password for new people (bulk onboarding; they get accounts later)');
  common(
    imp
      .command('edexml')
      .description('import an EDEXML 2.0/2.1 file: validated, minimised, diffed, applied in one transaction')
      .argument('<files...>', 'EDEXML file; several for bulk onboarding (each its own school and transaction, in order)')
      .option('--school <brin>', 'refuse the file unless it is for this school'),
  ).action(
    ctx.action(async (files: string[], o: ImportOptions, cmd: Command) => {
      if (files.length > 1) return runBulkEdexml(ctx, cmd, files, o);
      const { roster, verdict } = await readEdexmlWhileChecking(files[0]!);
      await runImport(ctx, cmd, roster, o, `EDEXML ${path.basename(files[0]!)}`, [], verdict);
    }),
  );
  common(
    imp
      .command('csv')
      .description('import a CSV roster (documented columns; other columns are dropped), same rules as EDEXML')
      .argument('<file>', 'CSV file')
      .requiredOption('--school <brin>', 'the school the file is for'),
  ).action(
    ctx.action(async (file: string, o: ImportOptions & { school: string }, cmd: Command) => {
      const { roster, ignoredColumns } = readCsvRoster(file, o.school);
      const warnings = ignoredColumns.length ? [`ignored column(s), not read or stored: ${ignoredColumns.join(', ')}`] : [];
      await runImport(ctx, cmd, roster, o, `CSV ${path.basename(file)}`, warnings);
    }),
  );
}
