"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const calendar_1 = require("../../domain/calendar");
const errors_1 = require("../../domain/errors");
/** `agreement publish|list`: versions of the product & service agreement (art. 10). */
function register(program, ctx) {
    const agreement = program.command('agreement').description('the product & service agreement with the schools');
    agreement
        .command('publish')
        .description('publish a new version; it takes effect at least 45 days later (the first version may apply at once); delegates are mailed')
        .requiredOption('--version <version>', 'version label, e.g. 2027.1')
        .requiredOption('--file <file>', 'the agreement text (UTF-8 plain text)')
        .requiredOption('--effective <date>', 'date it takes effect (YYYY-MM-DD, Europe/Amsterdam midnight)')
        .action(ctx.action(async (o, cmd) => {
        // A calendar day in Amsterdam, not ctx.parseDate's UTC instant: the agreement starts at local midnight.
        if (!/^\d{4}-\d{2}-\d{2}$/.test(o.effective))
            throw new errors_1.ValidationError('--effective must be a date like 2027-01-01');
        const effectiveFrom = (0, calendar_1.amsterdamMidnight)(o.effective);
        const body = ctx.readFile(o.file);
        const { version, notified } = await ctx.withHub((hub) => hub.services.agreements.publish({ version: o.version, body, effectiveFrom }, ctx.actor()));
        ctx.print(cmd, { version: version.version, effectiveFrom: version.effectiveFrom.toISOString(), delegatesNotified: notified }, `agreement ${version.version} published, in force from ${o.effective}; ${notified} delegate(s) notified`);
    }));
    agreement
        .command('list')
        .description('published versions')
        .action(ctx.action(async (_o, cmd) => {
        const versions = await ctx.withHub((hub) => hub.db.repositories.agreements.list());
        const json = versions.map((v) => ({
            version: v.version,
            effectiveFrom: v.effectiveFrom.toISOString(),
            publishedAt: v.publishedAt.toISOString(),
        }));
        const human = versions.map((v) => `${v.version}  in force from ${v.effectiveFrom.toISOString().slice(0, 10)}`).join('\n');
        ctx.print(cmd, json, human || 'no agreement published');
    }));
}
//# sourceMappingURL=agreement.js.map