"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const errors_1 = require("../../domain/errors");
/** `operator add`: hub staff accounts for the operator console. */
function register(program, ctx) {
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
        .action(ctx.action(async (o, cmd) => {
        const password = await ctx.readStdin();
        if (!password)
            throw new errors_1.ValidationError('no password on stdin');
        const details = { displayName: o.name, email: o.email, roles: o.role.split(',') };
        const { operator: created } = await ctx.withHub((hub) => hub.services.accounts.createOperator(details, o.username, password, ctx.actor()));
        const username = o.username.trim().toLowerCase();
        ctx.print(cmd, { id: created.id, username, roles: created.roles }, `operator ${username} added (${created.roles.join(', ')}); two-step verification is set up at the first login`);
    }));
}
//# sourceMappingURL=operator.js.map