import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { describeProblem } from '../../domain/audit/chain';
import type { CliContext } from '../context';
import { EXIT, VerdictError } from '../io';

/** `audit …`: the tamper-evident audit trail (security annex B, "onweerlegbaarheid"). */
export function register(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('the hash-chained audit trail');

  audit
    .command('verify')
    .description('check the audit chain: exit 0 intact, 10 with the first broken entry (edited, inserted or deleted)')
    .action(
      ctx.action(async (_o: object, cmd: Command) => {
        const json = !!cmd.optsWithGlobals<{ json?: boolean }>().json;
        const bar =
          ctx.stderrIsTerminal && !json ? new SingleBar({ format: 'audit {bar} {value}/{total} entries' }, Presets.shades_classic) : null;
        const report = await ctx.withHub(async (hub) => {
          let started = false;
          try {
            return await hub.services.auditTrail.verify((checked, total) => {
              if (!bar) return;
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(checked);
            });
          } finally {
            bar?.stop();
          }
        });
        if (!report.ok && report.problem)
          throw new VerdictError(`audit trail NOT intact: ${describeProblem(report.problem)}`, EXIT.tampered, 'tampered', { ...report });
        ctx.print(
          cmd,
          report,
          `audit trail intact: ${report.entries} sealed entries from #${report.from} to the signed head #${report.head ?? 0}` +
            (report.pending
              ? `; ${report.pending} newer entr${report.pending === 1 ? 'y' : 'ies'} not sealed yet (\`leerpoort audit seal\`)`
              : ''),
        );
      }),
    );

  audit
    .command('seal')
    .description('chain the audit entries written since the last seal (serve does this every few seconds)')
    .action(
      ctx.action(async (_o: object, cmd: Command) => {
        const result = await ctx.withHub((hub) => hub.services.auditTrail.seal());
        ctx.print(cmd, result, `sealed ${result.sealed} entr${result.sealed === 1 ? 'y' : 'ies'}; head #${result.head?.seq ?? 0}`);
      }),
    );
}
