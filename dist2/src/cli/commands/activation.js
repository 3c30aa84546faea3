"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const commander_1 = require("commander");
const errors_1 = require("../../domain/errors");
const school_service_1 = require("../../domain/identity/school.service");
const participant_service_1 = require("../../domain/licensing/participant.service");
/** `activation set|history`: whether a school's data may go to a participant, and every switch of it. */
function register(program, ctx) {
    const activation = program.command('activation').description('data-transfer permission per school × participant');
    activation
        .command('set')
        .description('turn data transfer to a participant on or off for a school')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .requiredOption('--participant <name>', 'participant name')
        .addOption(new commander_1.Option('--on', 'allow data transfer').conflicts('off'))
        .addOption(new commander_1.Option('--off', 'stop data transfer').conflicts('on'))
        .action(ctx.action(async (o, cmd) => {
        if (!o.on && !o.off)
            throw new errors_1.ValidationError('say --on or --off');
        const result = await ctx.withHub((hub) => hub.services.licences.setActivation({ brin: o.school, participantName: o.participant, enabled: !!o.on }, ctx.actor()));
        ctx.print(cmd, result, `data transfer to ${o.participant} for ${o.school.toUpperCase()}: ${result.enabled ? 'on' : 'off'}`);
    }));
    activation
        .command('history')
        .description('every switch of data transfer to a participant for a school: on/off, by whom, when')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .requiredOption('--participant <name>', 'participant name')
        .action(ctx.action(async (o, cmd) => {
        const rows = await ctx.withHub(async (hub) => {
            const repos = hub.db.repositories;
            const school = await (0, school_service_1.findSchoolByBrin)(repos, o.school);
            const participant = await (0, participant_service_1.findParticipantByName)(repos, o.participant);
            return repos.activations.history(school.id, participant.id);
        });
        const line = (r) => `${r.changedAt.toISOString()}  ${r.enabled ? 'on ' : 'off'}  by ${r.changedBy}`;
        ctx.print(cmd, rows.map((r) => ({ enabled: r.enabled, changedBy: r.changedBy, changedAt: r.changedAt.toISOString() })), rows.length ? rows.map(line).join('\n') : 'never switched');
    }));
}
//# sourceMappingURL=activation.js.map