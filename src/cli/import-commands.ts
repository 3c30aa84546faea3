import fs from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../domain/model';
import type { ImportSummary, NewAccount } from '../domain/roster/import.service';
import { readEdexml } from '../import/edexml/read-edexml';
import type { Hub } from '../main';
import { render } from '../web/views';

export interface ImportCommandHelpers {
  action: <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;
  withHub: <T>(work: (hub: Hub) => Promise<T>) => Promise<T>;
  print: (cmd: Command, data: unknown, human: string) => void;
  actor: () => Actor;
  isTty: boolean;
}

/** Printable login cards per group (HTML; print to PDF from the browser). Holds passwords: written mode 0600. */
export function loginCardsHtml(summary: ImportSummary, loginUrl: string): string {
  const byGroup = new Map<string, NewAccount[]>();
  for (const a of summary.newAccounts) {
    const g = a.groupNames[0] ?? 'Zonder groep';
    byGroup.set(g, [...(byGroup.get(g) ?? []), a]);
  }
  const groups = [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([name, accounts]) => ({ name, accounts: accounts.sort((x, y) => x.displayName.localeCompare(y.displayName)) }));
  return render('login-cards.njk', { school: summary.school, groups, loginUrl });
}

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.dryRun ? 'DRY RUN (nothing written)' : 'applied'} — school ${s.school}, ${s.source}`,
    `  groups: ${s.groups.added} new, ${s.groups.changed} changed, ${s.groups.unchanged} unchanged${s.yearTransition ? '  (year transition: groups moved up a year)' : ''}`,
    `  people: ${s.people.added} new, ${s.people.changed} changed, ${s.people.moved} moved, ${s.people.reactivated} back, ${s.people.deactivated} left (deactivated), ${s.people.unchanged} unchanged`,
    ...s.warnings.map((w) => `  warning: ${w}`),
  ];
  if (!s.dryRun && s.newAccounts.length) lines.push(`  ${s.newAccounts.length} new account(s): print the login cards with --cards FILE`);
  return lines.join('\n');
}

export function registerImportCommands(program: Command, h: ImportCommandHelpers): void {
  const imp = program.command('import').description('import school data from the student administration (LAS)');
  imp
    .command('edexml')
    .description('import an EDEXML 2.0/2.1 file: validated, minimised, diffed, applied in one transaction')
    .argument('<file>', 'EDEXML file')
    .option('--school <brin>', 'refuse the file unless it is for this school')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--cards <file>', 'write printable login cards (HTML) for the new accounts to this file')
    .action(
      h.action(async (file: string, o: { school?: string; dryRun?: boolean; cards?: string }, cmd: Command) => {
        const roster = await readEdexml(file);
        const summary = await h.withHub((hub) =>
          hub.services.rosterImport.import(roster, {
            expectedBrin: o.school,
            dryRun: !!o.dryRun,
            source: `EDEXML ${file.split('/').pop()}`,
            actor: h.actor(),
            // A progress line on a terminal; nothing on a pipe (the --json summary is the output there).
            onProgress: h.isTty ? (done, total) => process.stderr.write(`\rnieuwe accounts / new accounts: ${done}/${total}${done === total ? '\n' : ''}`) : undefined,
          }).then(async (s) => {
            if (o.cards && !s.dryRun) fs.writeFileSync(o.cards, loginCardsHtml(s, `${hub.config.baseUrl}/login`), { mode: 0o600 });
            return s;
          }),
        );
        // Passwords go to the cards file only, never to stdout or a log.
        const { newAccounts, ...rest } = summary;
        h.print(cmd, { ...rest, newAccounts: newAccounts.length, cards: o.cards && !summary.dryRun ? o.cards : null }, formatSummary(summary));
      }),
    );
}
