import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors';
import type { CliContext } from '../context';

/** `operator add`: hub staff accounts for the operator console. */
export function register(program: Command, ctx: CliContext): void {
  const operator = program
    .command('operator')
    .description('operator accounts (hub staff; two-step verification is enrolled at first login)');
  operator
    .command('add')
    .description('add an operator; reads the password from stdin (first line)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--email <email>', 'work e-mail address')
    .requiredOption('--role <roles>', 'comma-separated: helpdesk, dba, security_officer (least privilege: only what the work needs)')
    .requiredOption('--username <username>', 'login name')
    .action(
      ctx.action(async (o: { name: string; email: string; role: string; username: string }, cmd: Command) => {
        const password = await ctx.readStdin();
        if (!password) throw new ValidationError('no password on stdin');
        const details = { displayName: o.name, email: o.email, roles: o.role.split(',') };
        const { operator: created } = await ctx.withHub((hub) =>
          hub.services.accounts.createOperator(details, o.username, password, ctx.actor()),
        );
        const username = o.username.trim().toLowerCase();
        ctx.print(
          cmd,
          { id: created.id, username, roles: created.roles },
          `operator ${username} added (${created.roles.join(', ')}); two-step verification is set up at the first login`,
        );
      }),
    );
}
