import { type Command, Option } from 'commander';
import { rotateSigningKey } from '../../crypto/key-rotation';
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
        const message = await rotateSigningKey(ctx.config().certsDir, step);
        await ctx.withHub(async (hub) =>
          hub.db.repositories.audit.record({ actor: ctx.actor(), action: `keys.rotate.${step}`, outcome: 'success' }),
        );
        ctx.print(cmd, { step, message }, message);
      }),
    );
}
