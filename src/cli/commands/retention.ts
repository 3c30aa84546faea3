import fs from 'node:fs';
import type { Command } from 'commander';
import { JoseHubSigner } from '../../crypto/hub-signer';
import { loadSecrets } from '../../crypto/secrets';
import { ValidationError } from '../../domain/errors';
import { verifyCertificate } from '../../domain/retention/destruction-certificate';
import { type RetentionProgress, runRetention, UnknownStepError } from '../../domain/retention/retention-run';
import type { CliContext } from '../context';
import { EXIT, readTextFile, VerdictError } from '../io';
import { collect } from '../options';

/**
 * `retention …`: what may no longer be kept is deleted (DPA art. 12, security annex B). `run` runs the
 * named steps of a retention run — the same list `serve` runs on its schedule.
 */
export function register(program: Command, ctx: CliContext): void {
  const retention = program.command('retention').description('retention of personal data and logs; destruction certificates');

  retention
    .command('run')
    .description(
      'run every retention step (leavers, school destruction, audit and ledger older than RETENTION_MONTHS, expired sessions, ' +
        'replay entries, reset tokens, uploads, old outbox mail, …); `retention steps` lists them',
    )
    .option('--dry-run', 'count only; delete nothing')
    .option('--step <name>', 'run only this step (repeatable)', collect)
    .action(
      ctx.action(async (o: { dryRun?: boolean; step?: string[] }, cmd: Command) => {
        const dryRun = !!o.dryRun;
        const json = !!cmd.optsWithGlobals<{ json?: boolean }>().json;
        const progress = (p: RetentionProgress) => {
          if (p.type === 'start') {
            if (ctx.stderrIsTerminal && !json) ctx.stderr(`[${p.index + 1}/${p.total}] ${p.step} …`);
            return;
          }
          if (!json) ctx.stderr(`[${p.index + 1}/${p.total}] ${p.report.name}: ${p.report.summary} (${p.report.ms} ms)`);
        };
        const report = await ctx.withHub(async (hub) => {
          try {
            return await runRetention(
              hub.services.retentionSteps,
              { now: new Date(), dryRun, actor: ctx.actor() },
              { only: o.step, onProgress: progress },
            );
          } catch (e) {
            if (e instanceof UnknownStepError) throw new ValidationError(e.message);
            throw e;
          }
        });
        const failed = report.steps.filter((s) => !s.ok);
        const total = report.steps.reduce((a, s) => a + Object.values(s.counts).reduce((x, y) => x + y, 0), 0);
        const summary = `${dryRun ? 'dry run: would remove' : 'removed'} ${total} row(s) in ${report.steps.length} step(s)${
          failed.length ? `; FAILED: ${failed.map((s) => `${s.name} (${s.error})`).join(', ')}` : ''
        }`;
        if (failed.length)
          throw new VerdictError(
            `retention run incomplete: ${failed.map((s) => `${s.name}: ${s.error}`).join('; ')}`,
            EXIT.failure,
            'step_failed',
            {
              ...report,
            },
          );
        ctx.print(cmd, report, summary);
      }),
    );

  retention
    .command('steps')
    .description('list the steps of a retention run, in order')
    .action(
      ctx.action(async (_o: object, cmd: Command) => {
        const steps = await ctx.withHub(async (hub) =>
          hub.services.retentionSteps.map((s) => ({ name: s.name, description: s.description })),
        );
        ctx.print(cmd, steps, steps.map((s) => `${s.name.padEnd(22)} ${s.description}`).join('\n'));
      }),
    );

  retention
    .command('destroy-school')
    .description("destroy a school's data at once on its written request (DPA art. 12), issue and mail the signed destruction certificate")
    .requiredOption('--brin <brin>', 'the school')
    .requiredOption('--request-ref <reference>', "the school's written request (letter, ticket or mail reference)")
    .option('--received <date>', 'when the request was received (default: now)')
    .option('--yes', 'confirm: everything of this school is destroyed, irreversibly')
    .action(
      ctx.action(async (o: { brin: string; requestRef: string; received?: string; yes?: boolean }, cmd: Command) => {
        if (!o.yes)
          throw new ValidationError(`this destroys every record of school ${o.brin} at once and cannot be undone; add --yes to confirm`);
        const receivedAt = o.received ? ctx.parseDate(o.received, '--received') : new Date();
        const result = await ctx.withHub((hub) =>
          hub.services.destruction.destroyOnRequest(o.brin, { reference: o.requestRef, receivedAt }, ctx.actor()),
        );
        ctx.print(
          cmd,
          result,
          `destroyed school ${result.brin}: ${Object.values(result.tables).reduce((a, b) => a + b, 0)} rows (${result.people} people); ` +
            `certificate ${result.certificateId} mailed to ${result.mailed} delegate(s); \`leerpoort retention certificate --brin ${result.brin}\` prints it`,
        );
      }),
    );

  retention
    .command('certificate')
    .description('print the stored destruction certificate(s) of a school (or write the newest to a file)')
    .requiredOption('--brin <brin>', 'the destroyed school (BRIN as on the certificate)')
    .option('--out <file>', 'write the newest certificate to this file')
    .action(
      ctx.action(async (o: { brin: string; out?: string }, cmd: Command) => {
        const brin = o.brin.trim().toUpperCase();
        const found = await ctx.withHub((hub) => hub.db.repositories.retention.listCertificates(brin));
        if (!found.length) throw new VerdictError(`no destruction certificate for ${brin}`, EXIT.notFound, 'not_found');
        if (o.out) {
          try {
            fs.writeFileSync(o.out, found[0]!.document, { flag: 'wx' });
          } catch (e) {
            throw new ValidationError(`cannot write ${o.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
        }
        ctx.print(
          cmd,
          found.map((c) => JSON.parse(c.document) as unknown),
          o.out ? `certificate ${found[0]!.id} written to ${o.out}` : found.map((c) => c.document.trimEnd()).join('\n'),
        );
      }),
    );

  retention
    .command('verify-certificate')
    .description('check a destruction certificate: exit 0 valid, 10 changed, 11 signed by another key, 2 not a certificate')
    .argument('<file>', 'the certificate (.json) as mailed or printed')
    .action(
      ctx.action(async (file: string, _o: object, cmd: Command) => {
        const text = readTextFile(file, 'certificate');
        // Only the hub's certificates are needed, not the database: this also works while the hub runs on
        // an embedded data folder.
        const secrets = await loadSecrets(ctx.config());
        const check = await verifyCertificate(text, new JoseHubSigner(secrets.samlSigningKeys));
        if (!check.ok) {
          const code = check.reason === 'unknown-key' ? EXIT.otherKey : check.reason === 'tampered' ? EXIT.tampered : EXIT.usage;
          throw new VerdictError(check.message, code, check.reason === 'unknown-key' ? 'other_key' : check.reason, { valid: false });
        }
        const c = check.certificate;
        ctx.print(
          cmd,
          { valid: true, certificate: c },
          `valid: signed by this hub (${c.issuer}). School ${c.school.name} (${c.school.brin}) destroyed at ${c.destroyedAt}, ` +
            `${c.totalRows} rows (${Object.entries(c.tables)
              .filter(([, n]) => n > 0)
              .map(([t, n]) => `${t} ${n}`)
              .join(', ')}); reason: ${c.reason}.`,
        );
      }),
    );
}
