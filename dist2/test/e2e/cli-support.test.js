"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const cli_1 = require("../support/cli");
/**
 * `leerpoort support find|show` (data-processing agreement annex 2 I) against PostgreSQL with the built
 * bin: a reason is required, one user by username or school + full name, only what support needs
 * (never birth date, keys, e-mail or picture), `--json`, and every lookup audited with the OS user as actor.
 */
describe('CLI support find|show: reason required, one user, audited as the operator at the shell (PostgreSQL)', function () {
    let env;
    let sql;
    const reason = 'Ticket 5150: ouder meldt dat Sanne niet kan inloggen';
    before(async function () {
        ({ env, sql } = await (0, cli_1.cliDatabase)(this, '_cli_support', 'CLI support'));
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['demo'], env)).code).to.equal(0);
    });
    it('without --reason (or with too short a one) nothing is looked up or recorded', async () => {
        const missing = await (0, cli_1.runCli)(['support', 'find', '--username', 'demo.leerling1'], env);
        (0, chai_1.expect)(missing.code).to.equal(2);
        (0, chai_1.expect)(missing.stderr).to.contain("required option '--reason <text>' not specified");
        const short = await (0, cli_1.runCli)(['support', 'find', '--username', 'demo.leerling1', '--reason', '  kijken  ', '--json'], env);
        (0, chai_1.expect)(short.code).to.equal(2);
        (0, chai_1.expect)(JSON.parse(short.stdout)).to.deep.include({ error: 'validation' });
        (0, chai_1.expect)(short.stderr).to.contain('at least 10 characters');
        const both = await (0, cli_1.runCli)(['support', 'find', '--username', 'x', '--school', '99ZZ', '--name', 'a b', '--reason', reason], env);
        (0, chai_1.expect)(both.code).to.equal(2);
        (0, chai_1.expect)(both.stderr).to.contain('give --username, or --school and --name');
        (0, chai_1.expect)(await sql("SELECT * FROM audit_events WHERE action LIKE 'support.%'")).to.deep.equal([]);
    });
    it('finds by school and full name, shows the account state as JSON — no birth date, keys or e-mail — and audits both with the reason', async () => {
        (0, chai_1.expect)((await (0, cli_1.runCli)(['support', 'find', '--school', '99ZZ', '--name', 'Sanne', '--reason', reason], env)).code).to.equal(2);
        const found = await (0, cli_1.runCli)(['support', 'find', '--school', '99zz', '--name', 'sanne vries', '--reason', reason, '--json'], env);
        (0, chai_1.expect)(found.code, found.stderr).to.equal(0);
        const matches = JSON.parse(found.stdout);
        (0, chai_1.expect)(matches).to.have.length(1);
        (0, chai_1.expect)(matches[0]).to.deep.include({ name: 'Sanne de Vries', role: 'pupil', username: 'demo.leerling1' });
        const shown = await (0, cli_1.runCli)(['support', 'show', '--person', matches[0].personId, '--reason', reason, '--json'], env);
        (0, chai_1.expect)(shown.code, shown.stderr).to.equal(0);
        const view = JSON.parse(shown.stdout);
        (0, chai_1.expect)(view).to.deep.include({ name: 'Sanne de Vries', active: true, groups: view.groups });
        (0, chai_1.expect)(view.account).to.deep.include({ username: 'demo.leerling1', twoFactor: false, picturePassword: true, throttledUntil: null });
        for (const hidden of ['2017-03-14', 'LL001', 'ketenid', '@', 'uil'])
            (0, chai_1.expect)(shown.stdout, hidden).not.to.contain(hidden);
        const human = await (0, cli_1.runCli)(['support', 'show', '--person', matches[0].personId, '--reason', reason], env);
        (0, chai_1.expect)(human.stdout).to.contain('two-step:    not enrolled').and.to.contain('last login:  never');
        const audit = await sql("SELECT action, actor_type, actor_id, target_id, details FROM audit_events WHERE action LIKE 'support.%' AND outcome = 'success' ORDER BY id");
        (0, chai_1.expect)(audit.map((a) => a.action)).to.deep.equal(['support.find', 'support.view', 'support.view']);
        for (const a of audit) {
            (0, chai_1.expect)(a.actor_type).to.equal('cli');
            (0, chai_1.expect)(a.details.reason).to.equal(reason);
        }
        (0, chai_1.expect)(audit[1].target_id).to.equal(matches[0].personId);
        (0, chai_1.expect)(JSON.stringify(audit)).not.to.contain('Vries');
    });
    it('an unknown person or school is "not found" (exit 3)', async () => {
        const person = await (0, cli_1.runCli)(['support', 'show', '--person', '00000000-0000-4000-8000-000000000000', '--reason', reason], env);
        (0, chai_1.expect)(person.code).to.equal(3);
        const school = await (0, cli_1.runCli)(['support', 'find', '--school', '00XX', '--name', 'Sanne de Vries', '--reason', reason], env);
        (0, chai_1.expect)(school.code).to.equal(3);
    });
});
//# sourceMappingURL=cli-support.test.js.map