import { type Command, Option } from 'commander';
import { rotateSigningKeyAudited } from '../../crypto/key-rotation';
import type { CliContext } from '../context';

/** `keys rotate`: stage, activate and retire SAML signing keys (audited). */
export function register(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('SAML signing keys');
  keys
    .command('rotate')
    .description(
      'stage a new signing key (published beside the current one); --activate switches signing to it; --retire removes the old one',
    )
    .addOption(new Option('--activate', 'sign with the staged key from now on').conflicts('retire'))
    .addOption(new Option('--retire', 'remove the old key from the metadata').conflicts('activate'))
    .action(
      ctx.action(async (o: { activate?: boolean; retire?: boolean }, cmd: Command) => {
        const step = o.activate ? 'activate' : o.retire ? 'retire' : 'stage';
        // The database is opened first: a rotation it could not audit (database in use, unreachable) is not done.
        const message = await ctx.withHub((hub) =>
          rotateSigningKeyAudited(ctx.config().certsDir, step, hub.db.repositories.audit, ctx.actor()),
        );
        ctx.print(cmd, { step, message }, message);
      }),
    );
}
