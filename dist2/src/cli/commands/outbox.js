"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
/** `outbox`: read the mail the hub would have sent (development and installations without SMTP). */
function register(program, ctx) {
    program
        .command('outbox')
        .description('mail waiting in the outbox (used when SMTP_URL is not set): recipients and bodies, decrypted')
        .action(ctx.action(async (_o, cmd) => {
        const mails = await ctx.withHub((hub) => hub.db.repositories.outbox.list());
        const human = mails.map((m) => `--- ${m.createdAt.toISOString()} to ${m.to}: ${m.subject}\n${m.body}`).join('\n');
        ctx.print(cmd, mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })), mails.length ? human : 'the outbox is empty');
    }));
}
//# sourceMappingURL=outbox.js.map