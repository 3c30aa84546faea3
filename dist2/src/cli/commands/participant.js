"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
/** `participant add|credentials`: publishers, and their client credentials for the roster API. */
function register(program, ctx) {
    const participant = program.command('participant').description('participants (publishers)');
    participant
        .command('add')
        .description('register a participant')
        .requiredOption('--name <name>', 'participant name')
        .option('--needs-birth-date', 'the participant demonstrably needs pupils’ birth dates')
        .option('--needs-gender', 'the participant demonstrably needs gender')
        .option('--needs-email', 'the participant demonstrably needs staff e-mail addresses')
        .action(ctx.action(async (o, cmd) => {
        const created = await ctx.withHub((hub) => hub.services.participants.add({ name: o.name, needsBirthDate: !!o.needsBirthDate, needsGender: !!o.needsGender, needsEmail: !!o.needsEmail }, ctx.actor()));
        ctx.print(cmd, created, `participant added: ${created.name} (${created.id})`);
    }));
    participant
        .command('credentials')
        .description('issue OAuth2 client credentials for the roster API (the secret is shown once)')
        .requiredOption('--name <name>', 'participant name')
        .action(ctx.action(async (o, cmd) => {
        const creds = await ctx.withHub((hub) => hub.services.apiClients.issue(o.name, ctx.actor()));
        ctx.print(cmd, creds, `client_id:     ${creds.clientId}\nclient_secret: ${creds.clientSecret}\n(store the secret now: the hub keeps only a hash)`);
    }));
}
//# sourceMappingURL=participant.js.map