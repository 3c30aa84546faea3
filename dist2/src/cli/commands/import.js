"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const cli_progress_1 = require("cli-progress");
const read_csv_1 = require("../../import/csv/read-csv");
const read_edexml_1 = require("../../import/edexml/read-edexml");
const errors_1 = require("../../domain/errors");
const login_card_groups_1 = require("../../import/login-card-groups");
const login_cards_pdf_1 = require("../../import/login-cards-pdf");
const views_1 = require("../../web/views");
/** Printable login cards per group (HTML; print to PDF from the browser). */
function loginCardsHtml(summary, loginUrl) {
    return (0, views_1.render)('login-cards.njk', { school: summary.school, groups: (0, login_card_groups_1.loginCardGroups)(summary.newAccounts), loginUrl });
}
/** Login cards: HTML, or PDF when the file name ends in .pdf. Written mode 0600: they hold passwords. */
async function writeCards(file, summary, loginUrl) {
    if (file.toLowerCase().endsWith('.pdf'))
        node_fs_1.default.writeFileSync(file, await (0, login_cards_pdf_1.loginCardsPdf)(summary, loginUrl), { mode: 0o600 });
    else
        node_fs_1.default.writeFileSync(file, loginCardsHtml(summary, loginUrl), { mode: 0o600 });
}
/** The human summary of an import: what changed, the warnings, where the login cards went. */
function formatSummary(s, cards) {
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
        lines.push(cards
            ? `  ${s.newAccounts.length} new account(s): login cards written to ${cards}`
            : `  ${s.newAccounts.length} new account(s): run with --cards FILE to print login cards`);
    }
    return lines.join('\n');
}
async function runImport(ctx, cmd, roster, o, source, warnings = [], verdict) {
    const bar = ctx.stderrIsTerminal
        ? new cli_progress_1.SingleBar({ format: 'nieuwe accounts / new accounts [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, cli_progress_1.Presets.shades_classic)
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
                        if (!started)
                            bar.start(total, 0);
                        started = true;
                        bar.update(done);
                    }
                    : undefined,
            });
            if (o.cards && !s.dryRun)
                await writeCards(o.cards, s, `${hub.config.baseUrl}/login`);
            return s;
        });
        bar?.stop();
        // Passwords go to the cards file only, never to stdout or a log.
        const { newAccounts, ...rest } = summary;
        const cards = o.cards && !summary.dryRun ? o.cards : null;
        ctx.print(cmd, { ...rest, newAccounts: newAccounts.length, cards }, formatSummary(summary, o.cards));
    }
    finally {
        bar?.stop();
    }
}
/**
 * Several EDEXML files (bulk onboarding), each its own school and its own transaction, in the order
 * given: the next file is read and schema-checked while the current one is written. The first refusal
 * stops the run; the files before it stay applied, and the message says so.
 */
async function runBulkEdexml(ctx, cmd, files, o) {
    if (o.cards)
        throw new errors_1.ValidationError('--cards takes one file at a time (login cards are per school)');
    if (o.school)
        throw new errors_1.ValidationError('--school takes one file at a time (with several files, each names its own school)');
    await ctx.withHub(async (hub) => {
        let i = 0;
        try {
            for await (const { roster, verdict, file } of (0, read_edexml_1.readEdexmlFilesAhead)(files)) {
                const summary = await hub.services.rosterImport.import(roster, {
                    dryRun: !!o.dryRun,
                    source: `EDEXML ${node_path_1.default.basename(file)}`,
                    actor: ctx.actor(),
                    verdict,
                    createAccounts: o.accounts !== false,
                });
                const { newAccounts, ...rest } = summary;
                ctx.print(cmd, { file, ...rest, newAccounts: newAccounts.length, cards: null }, `[${i + 1}/${files.length}] ${formatSummary(summary)}`);
                i++;
            }
        }
        catch (e) {
            const before = i === 0 ? 'no file was applied' : o.dryRun ? 'nothing was written (dry run)' : `the ${i} file(s) before it were applied`;
            ctx.stderr(`leerpoort: ${node_path_1.default.basename(files[i])} (file ${i + 1} of ${files.length}) refused — ${before}, the rest not started`);
            throw e;
        }
    });
}
/** `import edexml|csv`: a roster from the student administration (LAS), validated, diffed and applied in one transaction. */
function register(program, ctx) {
    const imp = program.command('import').description('import school data from the student administration (LAS)');
    const common = (c) => c
        .option('--dry-run', 'show what would change; write nothing')
        .option('--cards <file>', 'write printable login cards for the new accounts (.html, or .pdf)')
        .option('--no-accounts', 'create no username/password for new people (bulk onboarding; they get accounts later)');
    common(imp
        .command('edexml')
        .description('import an EDEXML 2.0/2.1 file: validated, minimised, diffed, applied in one transaction')
        .argument('<files...>', 'EDEXML file; several for bulk onboarding (each its own school and transaction, in order)')
        .option('--school <brin>', 'refuse the file unless it is for this school')).action(ctx.action(async (files, o, cmd) => {
        if (files.length > 1)
            return runBulkEdexml(ctx, cmd, files, o);
        const { roster, verdict } = await (0, read_edexml_1.readEdexmlWhileChecking)(files[0]);
        await runImport(ctx, cmd, roster, o, `EDEXML ${node_path_1.default.basename(files[0])}`, [], verdict);
    }));
    common(imp
        .command('csv')
        .description('import a CSV roster (documented columns; other columns are dropped), same rules as EDEXML')
        .argument('<file>', 'CSV file')
        .requiredOption('--school <brin>', 'the school the file is for')).action(ctx.action(async (file, o, cmd) => {
        const { roster, ignoredColumns } = (0, read_csv_1.readCsvRoster)(file, o.school);
        const warnings = ignoredColumns.length ? [`ignored column(s), not read or stored: ${ignoredColumns.join(', ')}`] : [];
        await runImport(ctx, cmd, roster, o, `CSV ${node_path_1.default.basename(file)}`, warnings);
    }));
}
//# sourceMappingURL=import.js.map