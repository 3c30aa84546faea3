"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const errors_1 = require("../../domain/errors");
const pictures_1 = require("../../domain/identity/pictures");
/** `user passwd|pictures|reset-2fa`: an account's password, picture password and second factor. */
function register(program, ctx) {
    const user = program.command('user').description('user accounts');
    user
        .command('passwd')
        .description('set a password; reads it from stdin (first line)')
        .requiredOption('--username <username>', 'username')
        .action(ctx.action(async (o, cmd) => {
        const password = await ctx.readStdin();
        if (!password)
            throw new errors_1.ValidationError('no password on stdin');
        await ctx.withHub((hub) => hub.services.accounts.setPassword(o.username, password, ctx.actor()));
        const username = o.username.trim().toLowerCase();
        ctx.print(cmd, { username, passwordChanged: true }, `password changed for ${username}`);
    }));
    user
        .command('pictures')
        .description('give a pupil a new picture password (and an own picture); prints it once — the old one stops working')
        .requiredOption('--username <username>', "the pupil's username")
        .action(ctx.action(async (o, cmd) => {
        const result = await ctx.withHub(async (hub) => {
            const person = await hub.services.accounts.personByUsername(o.username);
            return hub.services.pupilLogin.resetPicturePassword(person.id, ctx.actor());
        });
        const names = result.sequence.map((id) => pictures_1.PASSWORD_PICTURES.find((p) => p.id === id).nl);
        ctx.print(cmd, { username: o.username.trim().toLowerCase(), avatar: result.avatar, sequence: result.sequence }, `picture ${result.avatar}; picture password: ${names.join(' → ')}`);
    }));
    user
        .command('reset-2fa')
        .description("remove an account's two-step verification (lost phone): its sessions end, the owner is mailed and enrols again at the next login; " +
        'check who asks first')
        .requiredOption('--username <username>', 'the account')
        .action(ctx.action(async (o, cmd) => {
        await ctx.withHub((hub) => hub.services.twoFactor.resetByOperator(o.username, ctx.actor()));
        const username = o.username.trim().toLowerCase();
        ctx.print(cmd, { username, twoFactorReset: true }, `two-step verification removed for ${username}; the owner was mailed and sets up a new one at the next login`);
    }));
}
//# sourceMappingURL=user.js.map