import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors';
import type { SupportQuery } from '../../domain/identity/support.service';
import type { CliContext } from '../context';

/**
 * `support find|show`: the helpdesk's one-user lookup from the server's shell (data-processing agreement
 * annex 2 I). Same rules as the console: a reason is required, one user (username, or school + full
 * name; more than a handful is refused), only what support needs; audited with the OS user as actor.
 */
export function register(program: Command, ctx: CliContext): void {
  const support = program.command('support').description('helpdesk: find one user and see their account state (reason required, audited)');
  support
    .command('find')
    .description('find one user by --username, or by --school <BRIN> and --name "<first and last name>"')
    .option('--username <username>', 'login name')
    .option('--school <brin>', 'BRIN of the school (with --name)')
    .option('--name <name>', 'first and last name in full (with --school)')
    .requiredOption('--reason <text>', 'why you look (ticket number and question); recorded in the audit log')
    .action(
      ctx.action(async (o: { username?: string; school?: string; name?: string; reason: string }, cmd: Command) => {
        let query: SupportQuery;
        if (o.username !== undefined && o.school === undefined && o.name === undefined) query = { username: o.username };
        else if (o.username === undefined && o.school !== undefined && o.name !== undefined) query = { brin: o.school, name: o.name };
        else throw new ValidationError('give --username, or --school and --name');
        const matches = await ctx.withHub((hub) => hub.services.support.find(query, o.reason, ctx.actor()));
        const human = matches.length
          ? matches.map((m) => `${m.personId}  ${m.name} (${m.role})  ${m.username ?? '-'}  ${m.school.brin} ${m.school.name}`).join('\n')
          : 'nobody found';
        ctx.print(cmd, matches, human);
      }),
    );
  support
    .command('show')
    .description('account state of one person (by the id `support find` printed)')
    .requiredOption('--person <id>', 'hub id of the person')
    .requiredOption('--reason <text>', 'why you look (ticket number and question); recorded in the audit log')
    .action(
      ctx.action(async (o: { person: string; reason: string }, cmd: Command) => {
        const v = await ctx.withHub((hub) => hub.services.support.show(o.person, o.reason, ctx.actor()));
        const a = v.account;
        const human = [
          `${v.name} (${v.role}, ${v.active ? 'active' : 'inactive'}) — ${v.school.brin} ${v.school.name}`,
          `groups:      ${v.groups.join(', ') || '-'}`,
          ...(a
            ? [
                `username:    ${a.username}`,
                `password:    ${a.hasPassword ? 'set' : 'none'}${a.picturePassword ? ', picture password' : ''}`,
                `two-step:    ${a.twoFactor ? 'enrolled' : 'not enrolled'}`,
                `throttle:    ${a.throttledUntil ? `blocked until ${a.throttledUntil.toISOString()}` : 'not blocked'} (${a.failedAttempts} attempts)`,
                `last login:  ${a.lastLogin ? `${a.lastLogin.at.toISOString()} (${a.lastLogin.method})` : 'never'}`,
                `sessions:    ${a.activeSessions}`,
              ]
            : ['account:     none']),
        ].join('\n');
        ctx.print(cmd, v, human);
      }),
    );
}
