"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const commander_1 = require("commander");
const errors_1 = require("../../domain/errors");
const day = (d) => d.toISOString().slice(0, 10);
/** `licence grant|assign|list`: a school's licences for products, and to whom they are assigned. */
function register(program, ctx) {
    const licence = program.command('licence').description('licences');
    licence
        .command('grant')
        .description('grant a school a licence for a product, for one group or the whole school')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .requiredOption('--product <name>', 'product name')
        .option('--participant <name>', 'participant, when several have a product of that name')
        .addOption(new commander_1.Option('--group <key>', 'group LAS key or name').conflicts('all'))
        .addOption(new commander_1.Option('--all', 'every pupil and teacher of the school').conflicts('group'))
        .option('--from <date>', 'first day (default: today)')
        .option('--until <date>', 'end, exclusive (default: 1 August, end of the school year)')
        .option('--seats <n>', 'number of seats (default: no limit)')
        .action(ctx.action(async (o, cmd) => {
        if (!o.group && !o.all)
            throw new errors_1.ValidationError('say who gets the licence: --group <key> or --all');
        const result = await ctx.withHub((hub) => hub.services.licences.grant({
            brin: o.school,
            productName: o.product,
            participantName: o.participant,
            target: o.group ? { groupKey: o.group } : { all: true },
            validFrom: o.from ? ctx.parseDate(o.from, '--from') : undefined,
            validUntil: o.until ? ctx.parseDate(o.until, '--until') : undefined,
            seats: o.seats ? ctx.parsePositiveInt(o.seats, '--seats') : null,
        }, ctx.actor()));
        const { licence: granted } = result;
        const scope = granted.scope === 'all' ? 'whole school' : `group ${o.group}`;
        const validity = `${day(granted.validFrom)} – ${day(granted.validUntil)}`;
        ctx.print(cmd, result, `licence ${granted.id} for ${o.product}: ${scope}, valid ${validity}`);
    }));
    licence
        .command('assign')
        .description('assign a school’s licence to one more group or person (seats are checked)')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .requiredOption('--product <name>', 'product name')
        .option('--participant <name>', 'participant, when several have a product of that name')
        .addOption(new commander_1.Option('--group <key>', 'group LAS key or name').conflicts('username'))
        .addOption(new commander_1.Option('--username <username>', 'one person, by username').conflicts('group'))
        .action(ctx.action(async (o, cmd) => {
        if (!o.group && !o.username)
            throw new errors_1.ValidationError('say whom to assign: --group <key> or --username <username>');
        const result = await ctx.withHub(async (hub) => {
            let target;
            if (o.group)
                target = { groupKey: o.group };
            else {
                const credential = await hub.db.repositories.credentials.findByUsername(o.username);
                if (!credential?.personId)
                    throw new errors_1.NotFoundError(`unknown user '${o.username}'`);
                target = { personId: credential.personId };
            }
            return hub.services.licences.assign({ brin: o.school, productName: o.product, participantName: o.participant, target }, ctx.actor());
        });
        ctx.print(cmd, result, `licence ${result.licence.id}: assigned ${o.group ? `group ${o.group}` : o.username}`);
    }));
    licence
        .command('list')
        .description('a school’s licences: product, period, seats used / total, assignments')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .action(ctx.action(async (o, cmd) => {
        const rows = await ctx.withHub((hub) => hub.services.licences.overview(o.school));
        const line = (r) => {
            const assigned = r.scope === 'all' ? 'whole school' : `${r.groups.length} group(s), ${r.people} person(s)`;
            return (`${r.product.padEnd(24)} ${r.validFrom.slice(0, 10)} – ${r.validUntil.slice(0, 10)}  seats ${r.seatsUsed}/${r.seats ?? '∞'}  ` +
                `${assigned}${r.current ? '' : '  (not current)'}`);
        };
        ctx.print(cmd, rows, rows.length ? rows.map(line).join('\n') : 'no licences');
    }));
}
//# sourceMappingURL=licence.js.map