"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const calendar_1 = require("../../domain/calendar");
const errors_1 = require("../../domain/errors");
const wording_1 = require("../../domain/maintenance/wording");
/**
 * `maintenance schedule|list|cancel`: maintenance windows (product & service agreement art. 4).
 *
 * Who may: the CLI runs on the hub's server, and a shell there is the platform operator's (role `dba`)
 * — the annex gives platform operation (settings, jobs, the platform itself) to that role, not to the
 * helpdesk or the security officer. The console's form therefore admits only `dba` as well.
 */
function register(program, ctx) {
    const maintenance = program.command('maintenance').description('maintenance windows, announced to the schools and shown on /status');
    const instant = (value, flag) => {
        const d = (0, calendar_1.parseAmsterdamDateTime)(value);
        if (!d)
            throw new errors_1.ValidationError(`${flag} must be a time like 2026-12-08T23:00 (Amsterdam time) or 2026-12-08T22:00Z`);
        return d;
    };
    const asJson = (w) => ({
        id: w.id,
        startsAt: w.startsAt.toISOString(),
        endsAt: w.endsAt.toISOString(),
        descriptionNl: w.descriptionNl,
        descriptionEn: w.descriptionEn,
        scheduledAt: w.scheduledAt.toISOString(),
        cancelledAt: w.cancelledAt?.toISOString() ?? null,
    });
    maintenance
        .command('schedule')
        .description('schedule a window: at least 72 hours ahead, or shorter than 5 minutes within 16:00–07:00 starting on a working day; delegates are mailed')
        .requiredOption('--start <time>', 'start, e.g. 2026-12-08T23:00 (Amsterdam time) or with an offset')
        .requiredOption('--end <time>', 'end, the same way')
        .requiredOption('--nl <text>', 'description in Dutch')
        .requiredOption('--en <text>', 'description in English')
        .action(ctx.action(async (o, cmd) => {
        const startsAt = instant(o.start, '--start');
        const endsAt = instant(o.end, '--end');
        const { window, notified } = await ctx.withHub((hub) => hub.services.maintenance.schedule({ startsAt, endsAt, descriptionNl: o.nl, descriptionEn: o.en }, ctx.actor()));
        ctx.print(cmd, { ...asJson(window), delegatesNotified: notified }, `maintenance ${window.id} scheduled ${(0, wording_1.formatPeriod)(window, 'en')}; ${notified} delegate(s) notified`);
    }));
    maintenance
        .command('list')
        .description('current and planned windows (--all: cancelled and past ones too)')
        .option('--all', 'also cancelled and past windows')
        .action(ctx.action(async (o, cmd) => {
        const windows = await ctx.withHub(async (hub) => o.all ? hub.services.maintenance.list() : await hub.db.repositories.maintenance.listComing(new Date()));
        const human = windows
            .map((w) => `${w.id}  ${(0, wording_1.formatPeriod)(w, 'en')}${w.cancelledAt ? '  (cancelled)' : ''}  ${w.descriptionEn}`)
            .join('\n');
        ctx.print(cmd, windows.map(asJson), human || 'no maintenance planned');
    }));
    maintenance
        .command('cancel')
        .description('cancel a window that has not ended; delegates are mailed')
        .argument('<id>', 'the window id (from `maintenance list`)')
        .action(ctx.action(async (id, _o, cmd) => {
        const { window, notified } = await ctx.withHub((hub) => hub.services.maintenance.cancel(id, ctx.actor()));
        ctx.print(cmd, { ...asJson(window), delegatesNotified: notified }, `maintenance ${window.id} cancelled; ${notified} delegate(s) notified`);
    }));
}
//# sourceMappingURL=maintenance.js.map