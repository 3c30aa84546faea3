"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const commander_1 = require("commander");
const errors_1 = require("../../domain/errors");
const brin_1 = require("../../domain/identity/brin");
const present_1 = require("../present");
/** `school add|set`: register a school; its settings. */
function register(program, ctx) {
    const school = program.command('school').description('schools');
    school
        .command('add')
        .description('register a school')
        .requiredOption('--brin <brin>', 'BRIN, e.g. 12AB (or 12AB01 for a dependance)')
        .requiredOption('--name <name>', 'school name')
        .option('--assu <number>', 'ASSU number')
        .option('--street <street>', 'visiting address: street')
        .option('--house-number <number>', 'visiting address: house number')
        .option('--postal-code <code>', 'visiting address: postal code')
        .option('--city <city>', 'visiting address: city')
        .action(ctx.action(async (o, cmd) => {
        const address = o.street || o.city
            ? { street: o.street ?? '', houseNumber: o.houseNumber ?? '', postalCode: o.postalCode ?? '', city: o.city ?? '' }
            : null;
        if (address && (!address.street || !address.city)) {
            throw new errors_1.ValidationError('a visiting address needs at least --street and --city');
        }
        const created = await ctx.withHub((hub) => hub.services.schools.add({ brin: o.brin, name: o.name, assuNumber: o.assu ?? null, visitingAddress: address }, ctx.actor()));
        ctx.print(cmd, (0, present_1.describeSchool)(created), `school ${(0, brin_1.formatBrin)(created)} added: ${created.name} (${created.id})`);
    }));
    school
        .command('set')
        .description('school settings: two-step verification for teachers')
        .requiredOption('--brin <brin>', 'BRIN of the school')
        .addOption(new commander_1.Option('--teacher-2fa <on|off>', 'require two-step verification for teachers').choices(['on', 'off']).makeOptionMandatory())
        .action(ctx.action(async (o, cmd) => {
        const updated = await ctx.withHub((hub) => hub.services.schools.setTeacherTwoFactor(o.brin, o.teacher2fa === 'on', ctx.actor()));
        ctx.print(cmd, (0, present_1.describeSchool)(updated), `teachers of ${updated.brin} ${updated.teacher2faRequired ? 'must' : 'need not'} use two-step verification`);
    }));
}
//# sourceMappingURL=school.js.map