"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const commander_1 = require("commander");
const key_rotation_1 = require("../../crypto/key-rotation");
/** `keys rotate`: stage, activate and retire SAML signing keys (audited). */
function register(program, ctx) {
    const keys = program.command('keys').description('SAML signing keys');
    keys
        .command('rotate')
        .description('stage a new signing key (published beside the current one); --activate switches signing to it; --retire removes the old one')
        .addOption(new commander_1.Option('--activate', 'sign with the staged key from now on').conflicts('retire'))
        .addOption(new commander_1.Option('--retire', 'remove the old key from the metadata').conflicts('activate'))
        .action(ctx.action(async (o, cmd) => {
        const step = o.activate ? 'activate' : o.retire ? 'retire' : 'stage';
        // The database is opened first: a rotation it could not audit (database in use, unreachable) is not done.
        const message = await ctx.withHub((hub) => (0, key_rotation_1.rotateSigningKeyAudited)(ctx.config().certsDir, step, hub.db.repositories.audit, ctx.actor()));
        ctx.print(cmd, { step, message }, message);
    }));
}
//# sourceMappingURL=keys.js.map