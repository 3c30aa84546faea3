"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const calendar_1 = require("../../src/domain/calendar");
const cli_1 = require("../support/cli");
/** `leerpoort maintenance schedule|list|cancel` through the built bin, against PostgreSQL (agreement art. 4). */
describe('CLI maintenance windows (schedule, list, cancel) against PostgreSQL', function () {
    let env;
    let sql;
    const inDays = (days, hours = 0) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + days * 86_400_000 + hours * 3_600_000);
    const outbox = async () => JSON.parse((await (0, cli_1.runCli)(['outbox', '--json'], env)).stdout);
    before(async function () {
        ({ env, sql } = await (0, cli_1.cliDatabase)(this, '_cli_maint', 'CLI maintenance'));
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['demo'], env)).code).to.equal(0);
    });
    it('schedules a window announced more than 72 hours ahead: the delegates are mailed, Dutch first, and it is audited', async () => {
        const start = inDays(4);
        const end = inDays(4, 2);
        const before = (await outbox()).length;
        const r = await (0, cli_1.runCli)([
            'maintenance',
            'schedule',
            '--start',
            start.toISOString(),
            '--end',
            end.toISOString(),
            '--nl',
            'Nieuwe databaseserver',
            '--en',
            'New database server',
            '--json',
        ], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        const out = JSON.parse(r.stdout);
        (0, chai_1.expect)(out).to.include({ startsAt: start.toISOString(), endsAt: end.toISOString(), descriptionNl: 'Nieuwe databaseserver' });
        (0, chai_1.expect)(out.delegatesNotified).to.be.greaterThan(0);
        const mails = (await outbox()).slice(before);
        (0, chai_1.expect)(mails).to.have.length(out.delegatesNotified);
        const mail = mails[0];
        (0, chai_1.expect)(mail.to).to.match(/@/);
        (0, chai_1.expect)(mail.subject).to.equal('Leerpoort: gepland onderhoud / planned maintenance');
        (0, chai_1.expect)(mail.body.indexOf('Nieuwe databaseserver'), 'Dutch first').to.be.lessThan(mail.body.indexOf('New database server'));
        (0, chai_1.expect)(mail.body).to.contain('(Nederlandse tijd)').and.to.contain('(Dutch time)').and.to.contain('/status');
        const audit = await sql("SELECT actor_type, target_id, details FROM audit_events WHERE action = 'maintenance.schedule'");
        (0, chai_1.expect)(audit).to.have.length(1);
        (0, chai_1.expect)(audit[0]).to.include({ actor_type: 'cli', target_id: out.id });
        (0, chai_1.expect)(audit[0].details).to.include({ basis: 'notice', delegatesNotified: out.delegatesNotified });
    });
    it('reads a time without offset as Amsterdam wall clock', async () => {
        const start = inDays(6);
        const local = (d) => {
            const t = (0, calendar_1.amsterdamTime)(d);
            return `${t.day}T${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
        };
        const r = await (0, cli_1.runCli)(['maintenance', 'schedule', '--start', local(start), '--end', local(inDays(6, 1)), '--nl', 'Updates', '--en', 'Updates', '--json'], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(r.stdout).startsAt).to.equal(start.toISOString());
    });
    it('refuses short notice with the reason in Dutch and English, and stores and mails nothing', async () => {
        const mailsBefore = (await outbox()).length;
        const windowsBefore = (await sql('SELECT count(*)::int AS n FROM maintenance_windows'))[0].n;
        const r = await (0, cli_1.runCli)(['maintenance', 'schedule', '--start', inDays(1).toISOString(), '--end', inDays(1, 2).toISOString(), '--nl', 'x', '--en', 'y'], env);
        (0, chai_1.expect)(r.code).to.equal(2);
        (0, chai_1.expect)(r.stderr).to.contain('minstens 3 dagen (72 uur) vooraf').and.to.contain('at least 3 days (72 hours) ahead');
        (0, chai_1.expect)(r.stderr).to.contain('it lasts 5 minutes or longer');
        (0, chai_1.expect)(r.stderr.trim().split('\n'), 'one line').to.have.length(1);
        (0, chai_1.expect)((await sql('SELECT count(*)::int AS n FROM maintenance_windows'))[0].n).to.equal(windowsBefore);
        (0, chai_1.expect)((await outbox()).length).to.equal(mailsBefore);
        const bad = await (0, cli_1.runCli)(['maintenance', 'schedule', '--start', 'morgen', '--end', 'overmorgen', '--nl', 'x', '--en', 'y'], env);
        (0, chai_1.expect)(bad.code).to.equal(2);
        (0, chai_1.expect)(bad.stderr).to.contain('--start must be a time like');
        const noEnglish = await (0, cli_1.runCli)(['maintenance', 'schedule', '--start', inDays(5).toISOString(), '--end', inDays(5, 1).toISOString(), '--nl', 'x', '--en', '  '], env);
        (0, chai_1.expect)(noEnglish.code).to.equal(2);
        (0, chai_1.expect)(noEnglish.stderr).to.contain('the English description is missing');
    });
    it('lists coming windows, cancels one (delegates mailed, audited); cancelling twice or an unknown id is refused', async () => {
        const list = JSON.parse((await (0, cli_1.runCli)(['maintenance', 'list', '--json'], env)).stdout);
        (0, chai_1.expect)(list).to.have.length(2);
        (0, chai_1.expect)(list[0].startsAt < list[1].startsAt, 'earliest first').to.equal(true);
        const human = await (0, cli_1.runCli)(['maintenance', 'list'], env);
        (0, chai_1.expect)(human.stdout).to.contain(list[0].id).and.to.contain('New database server');
        const before = (await outbox()).length;
        const cancel = await (0, cli_1.runCli)(['maintenance', 'cancel', list[0].id, '--json'], env);
        (0, chai_1.expect)(cancel.code, cancel.stderr).to.equal(0);
        const out = JSON.parse(cancel.stdout);
        (0, chai_1.expect)(out.cancelledAt).to.be.a('string');
        const mails = (await outbox()).slice(before);
        (0, chai_1.expect)(mails).to.have.length(out.delegatesNotified);
        (0, chai_1.expect)(mails[0].subject).to.equal('Leerpoort: onderhoud geannuleerd / maintenance cancelled');
        (0, chai_1.expect)(mails[0].body).to.contain('gaat niet door').and.to.contain('has been cancelled');
        (0, chai_1.expect)(await sql("SELECT target_id FROM audit_events WHERE action = 'maintenance.cancel'")).to.deep.equal([{ target_id: list[0].id }]);
        const again = await (0, cli_1.runCli)(['maintenance', 'cancel', list[0].id], env);
        (0, chai_1.expect)(again.code).to.equal(4);
        (0, chai_1.expect)(again.stderr).to.contain('already cancelled');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['maintenance', 'cancel', '00000000-0000-4000-8000-000000000000'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['maintenance', 'cancel', 'nonsense'], env)).code).to.equal(3);
        const coming = JSON.parse((await (0, cli_1.runCli)(['maintenance', 'list', '--json'], env)).stdout);
        (0, chai_1.expect)(coming.map((w) => w.id)).to.deep.equal([list[1].id]);
        const all = JSON.parse((await (0, cli_1.runCli)(['maintenance', 'list', '--all', '--json'], env)).stdout);
        (0, chai_1.expect)(all).to.have.length(2);
    });
});
//# sourceMappingURL=cli-maintenance.test.js.map