"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const pictures_1 = require("../../src/domain/identity/pictures");
const cli_1 = require("../support/cli");
/** The access commands of the built bin: school networks, pupils' home e-mail addresses, picture passwords, operators. */
describe('CLI access commands (homeaccess networks|email, user pictures, operator add) against PostgreSQL', function () {
    let env;
    let sql;
    before(async function () {
        ({ env, sql } = await (0, cli_1.cliDatabase)(this, '_cli_access', 'CLI access commands'));
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        const demo = await (0, cli_1.runCli)(['demo', '--json'], env);
        (0, chai_1.expect)(demo.code, demo.stderr).to.equal(0);
        const summary = JSON.parse(demo.stdout);
        (0, chai_1.expect)(summary.parent.email).to.equal('ouders@demoschool.invalid');
        (0, chai_1.expect)(summary.pictures.map((p) => p.username)).to.deep.equal(['demo.leerling1', 'demo.leerling2']);
        (0, chai_1.expect)(summary.operator.roles).to.deep.equal(['helpdesk']);
    });
    it('shows and replaces the school network; bad ranges and unknown schools are refused with the reason and change nothing', async () => {
        const shown = await (0, cli_1.runCli)(['homeaccess', 'networks', '--school', '99ZZ', '--json'], env);
        (0, chai_1.expect)(JSON.parse(shown.stdout).networks).to.deep.equal(['127.0.0.0/8', '::1/128']);
        const hostBits = await (0, cli_1.runCli)(['homeaccess', 'networks', '--school', '99ZZ', '--set', '10.1.2.3/8'], env);
        (0, chai_1.expect)(hostBits.code).to.equal(2);
        (0, chai_1.expect)(hostBits.stderr).to.contain("'10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8");
        const junk = await (0, cli_1.runCli)(['homeaccess', 'networks', '--school', '99ZZ', '--set', '192.0.2.0/24,schoolnet'], env);
        (0, chai_1.expect)(junk.code).to.equal(2);
        (0, chai_1.expect)(junk.stderr).to.contain("'schoolnet' is not an IP address or range");
        (0, chai_1.expect)((await (0, cli_1.runCli)(['homeaccess', 'networks', '--school', '00XX', '--set', '192.0.2.0/24'], env)).code).to.equal(3);
        (0, chai_1.expect)(JSON.parse((await (0, cli_1.runCli)(['homeaccess', 'networks', '--school', '99ZZ', '--json'], env)).stdout).networks, 'unchanged').to.deep.equal(['127.0.0.0/8', '::1/128']);
        const set = await (0, cli_1.runCli)(['homeaccess', 'networks', '--school', '99zz', '--set', '192.0.2.0/24, 2001:db8::/48', '--json'], env);
        (0, chai_1.expect)(set.code, set.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(set.stdout).networks).to.have.members(['192.0.2.0/24', '2001:db8::/48']);
        const audit = await sql("SELECT details FROM audit_events WHERE action = 'school.networks.set' ORDER BY occurred_at DESC LIMIT 1");
        (0, chai_1.expect)(audit[0].details.networks).to.deep.equal(['192.0.2.0/24', '2001:db8::/48']);
    });
    it("manages a pupil's home-access addresses: at most two, pupils only, removal of an unknown address refused", async () => {
        const add = await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerling1', '--add', 'oma@example.nl', '--json'], env);
        (0, chai_1.expect)(add.code, add.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(add.stdout).homeAccessEmails).to.equal(2);
        const third = await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerling1', '--add', 'opa@example.nl'], env);
        (0, chai_1.expect)(third.code).to.equal(2);
        (0, chai_1.expect)(third.stderr).to.contain('at most two');
        const bad = await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerling2', '--add', 'geen-adres'], env);
        (0, chai_1.expect)(bad.code).to.equal(2);
        (0, chai_1.expect)(bad.stderr).to.contain("invalid e-mail address 'geen-adres'");
        const teacher = await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerkracht', '--add', 'x@example.nl'], env);
        (0, chai_1.expect)(teacher.code).to.equal(2);
        (0, chai_1.expect)(teacher.stderr).to.contain('only for pupils');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerling1', '--remove', 'nooit@example.nl'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerling1'], env)).code).to.equal(2);
        const removed = await (0, cli_1.runCli)(['homeaccess', 'email', '--username', 'demo.leerling1', '--remove', 'OMA@example.nl', '--json'], env);
        (0, chai_1.expect)(JSON.parse(removed.stdout).homeAccessEmails).to.equal(1);
        (0, chai_1.expect)(JSON.stringify(await sql('SELECT * FROM pupil_home_emails')))
            .not.to.contain('oma@')
            .and.not.to.contain('ouders@');
    });
    it('gives a pupil a new picture password, printed once; the picture stays', async () => {
        const before = (await sql("SELECT picture_password_hash FROM credentials WHERE picture_avatar = 'vos'"))[0].picture_password_hash;
        const r = await (0, cli_1.runCli)(['user', 'pictures', '--username', 'demo.leerling2', '--json'], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        const out = JSON.parse(r.stdout);
        (0, chai_1.expect)(out.avatar).to.equal('vos');
        (0, chai_1.expect)(out.sequence).to.have.length(4);
        for (const p of out.sequence)
            (0, chai_1.expect)(pictures_1.PASSWORD_PICTURES.map((x) => x.id)).to.include(p);
        const after = (await sql("SELECT picture_password_hash FROM credentials WHERE picture_avatar = 'vos'"))[0].picture_password_hash;
        (0, chai_1.expect)(after)
            .to.match(/^\$argon2id\$/)
            .and.not.equal(before);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['user', 'pictures', '--username', 'niemand'], env)).code).to.equal(3);
    });
    it('adds an operator with least-privilege roles; unknown roles, common passwords, no password and duplicates are refused', async () => {
        const base = ['operator', 'add', '--name', 'Hanna Helpdesk', '--email', 'hanna@leerpoort.example', '--username', 'hanna.ops'];
        const role = await (0, cli_1.runCli)([...base, '--role', 'helpdesk,root'], env, 'Console-Lamp-Vijver-8\n');
        (0, chai_1.expect)(role.code).to.equal(2);
        (0, chai_1.expect)(role.stderr).to.contain("unknown operator role 'root'");
        const common = await (0, cli_1.runCli)([...base, '--role', 'helpdesk'], env, 'password123\n');
        (0, chai_1.expect)(common.code).to.equal(2);
        (0, chai_1.expect)(common.stderr).to.contain('most common passwords');
        (0, chai_1.expect)((await (0, cli_1.runCli)([...base, '--role', 'helpdesk'], env, '')).stderr).to.contain('no password on stdin');
        const ok = await (0, cli_1.runCli)([...base, '--role', 'helpdesk,dba', '--json'], env, 'Console-Lamp-Vijver-8\n');
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(ok.stdout).roles).to.deep.equal(['helpdesk', 'dba']);
        (0, chai_1.expect)(ok.stdout + ok.stderr).not.to.contain('Console-Lamp');
        const dup = await (0, cli_1.runCli)([...base, '--role', 'dba'], env, 'Console-Lamp-Vijver-9\n');
        (0, chai_1.expect)(dup.code).to.equal(4);
        (0, chai_1.expect)(dup.stderr).to.contain('already');
        (0, chai_1.expect)((await sql('SELECT count(*)::int AS n FROM operators'))[0].n, 'demo operator + Hanna').to.equal(2);
    });
    it("user reset-2fa removes an account's second factor (audited, owner mailed); no factor is a conflict, an unknown user not found", async () => {
        await sql("UPDATE credentials SET totp_enabled = true, totp_secret_enc = 'x' WHERE person_id IN (SELECT id FROM people WHERE role = 'delegate')");
        const ok = await (0, cli_1.runCli)(['user', 'reset-2fa', '--username', 'demo.beheerder', '--json'], env);
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(ok.stdout)).to.deep.equal({ username: 'demo.beheerder', twoFactorReset: true });
        (0, chai_1.expect)((await sql('SELECT count(*)::int AS n FROM credentials WHERE totp_enabled'))[0].n).to.equal(0);
        (0, chai_1.expect)((await sql("SELECT actor_type FROM audit_events WHERE action = 'two_factor.reset'"))[0].actor_type).to.equal('cli');
        const mails = JSON.parse((await (0, cli_1.runCli)(['outbox', '--json'], env)).stdout);
        (0, chai_1.expect)(mails.some((m) => m.to === 'demo.beheerder@demoschool.invalid' && m.body.includes('verwijderd door een beheerder'))).to.equal(true);
        const again = await (0, cli_1.runCli)(['user', 'reset-2fa', '--username', 'demo.beheerder'], env);
        (0, chai_1.expect)(again.code).to.equal(4);
        (0, chai_1.expect)(again.stderr).to.contain('no two-step verification');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['user', 'reset-2fa', '--username', 'niemand.hier'], env)).code).to.equal(3);
    });
    it('publishes agreement versions: ≥ 45 days ahead (refused otherwise), delegates notified, no duplicate versions', async () => {
        const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'lp-agreement-'));
        const file = require('node:path').join(dir, 'v2.txt');
        require('node:fs').writeFileSync(file, 'Versie 2 van de product- en dienstenovereenkomst, met gewijzigde artikelen over thuistoegang.');
        const day = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
        const early = await (0, cli_1.runCli)(['agreement', 'publish', '--version', '2', '--file', file, '--effective', day(30)], env);
        (0, chai_1.expect)(early.code).to.equal(2);
        (0, chai_1.expect)(early.stderr).to.contain('at least 45 days');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['agreement', 'publish', '--version', '2', '--file', `${file}.missing`, '--effective', day(50)], env)).stderr).to.contain('cannot read');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['agreement', 'publish', '--version', '2', '--file', file, '--effective', '1 januari'], env)).code).to.equal(2);
        const ok = await (0, cli_1.runCli)(['agreement', 'publish', '--version', '2', '--file', file, '--effective', day(50), '--json'], env);
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(ok.stdout)).to.deep.include({ version: '2', delegatesNotified: 1 });
        const again = await (0, cli_1.runCli)(['agreement', 'publish', '--version', '2', '--file', file, '--effective', day(60)], env);
        (0, chai_1.expect)(again.code).to.equal(4);
        (0, chai_1.expect)(JSON.parse((await (0, cli_1.runCli)(['agreement', 'list', '--json'], env)).stdout).map((v) => v.version)).to.deep.equal(['2', 'demo-1']);
        const mails = JSON.parse((await (0, cli_1.runCli)(['outbox', '--json'], env)).stdout);
        (0, chai_1.expect)(mails.filter((m) => m.subject.includes('overeenkomst 2 ')).map((m) => m.to)).to.deep.equal([
            'demo.beheerder@demoschool.invalid',
        ]);
    });
});
//# sourceMappingURL=cli-access.test.js.map