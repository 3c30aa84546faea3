"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const school_service_1 = require("../../domain/identity/school.service");
const participant_service_1 = require("../../domain/licensing/participant.service");
/** `ledger`: what a school's data release ledger holds. */
function register(program, ctx) {
    program
        .command('ledger')
        .description('the release ledger of a school: which participant received which data categories, for how many people, when')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .option('--participant <name>', 'only this participant')
        .option('--since <date>', 'from this date (e.g. 2026-09-01)')
        .action(ctx.action(async (o, cmd) => {
        const since = o.since ? ctx.parseDate(o.since, '--since') : undefined;
        const rows = await ctx.withHub(async (hub) => {
            const repos = hub.db.repositories;
            const school = await (0, school_service_1.findSchoolByBrin)(repos, o.school);
            const participant = o.participant ? await (0, participant_service_1.findParticipantByName)(repos, o.participant) : undefined;
            return repos.ledger.list({ schoolId: school.id, participantId: participant?.id, since });
        });
        const line = (r) => `${r.occurredAt.toISOString()}  ${r.participantName.padEnd(20)} ${r.channel.padEnd(3)} ` +
            `${String(r.peopleCount).padStart(5)} people  ${r.categories.join(', ')}`;
        ctx.print(cmd, rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })), rows.length ? rows.map(line).join('\n') : 'no releases recorded');
    }));
}
//# sourceMappingURL=ledger.js.map