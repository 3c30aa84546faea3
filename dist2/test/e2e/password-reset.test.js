"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
describe('staff password reset by a one-time e-mailed link (outbox, PostgreSQL)', function () {
    let t;
    let school;
    before(async function () {
        t = await (0, hub_1.startTestHub)(this, 'password_reset');
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '11AA', participant: 'Uitgeverij Z' });
    });
    after(async () => t?.stop());
    async function requestReset(browser, account) {
        const answer = await browser.submit(`${t.baseUrl}/login/reset`, { account });
        await t.server.background.drain(); // the mail is queued after the answer
        return answer;
    }
    const outbox = () => t.hub.db.repositories.outbox.list();
    const linkIn = (body) => /(http:\/\/[^\s]+\/login\/reset\/[A-Za-z0-9_-]{43})/.exec(body)[1];
    const login = (browser, username, password) => browser.passwordLogin(t.baseUrl, username, password);
    it('answers every request the same; mails only staff with an address; the link works once and ends all sessions', async () => {
        const teacherSession = new hub_1.Browser();
        (0, chai_1.expect)((await login(teacherSession, school.teacher.username, school.teacher.password)).status).to.equal(303);
        const answers = [];
        for (const account of [school.teacher.username, school.pupil.username, 'niemand.hier', 'niemand@example.nl']) {
            const r = await requestReset(new hub_1.Browser(), account);
            (0, chai_1.expect)(r.status).to.equal(200);
            answers.push(/id="reset-done">([^<]+)</.exec(r.body)[1]);
        }
        (0, chai_1.expect)(new Set(answers).size, 'no enumeration').to.equal(1);
        let mails = await outbox();
        (0, chai_1.expect)(mails.map((m) => m.to)).to.deep.equal(['g.zwaan@11aa.example.nl']);
        await requestReset(new hub_1.Browser(), 'G.Zwaan@11aa.example.nl');
        mails = await outbox();
        (0, chai_1.expect)(mails).to.have.length(2);
        const raw = JSON.stringify([
            ...(await t.hub.db.dataSource.query('SELECT * FROM outbox')),
            ...(await t.hub.db.dataSource.query('SELECT * FROM password_resets')),
        ]);
        (0, chai_1.expect)(raw).not.to.contain('g.zwaan@').and.not.to.contain(linkIn(mails[0].body).split('/').pop());
        const link = linkIn(mails[0].body);
        const browser = new hub_1.Browser();
        const form = await browser.request(link);
        (0, chai_1.expect)(form.status).to.equal(200);
        (0, chai_1.expect)(form.headers.get('referrer-policy')).to.equal('no-referrer');
        const weak = await browser.request(link, { form: { _csrf: (0, hub_1.csrfOf)(form.body), password: 'welkom123' } });
        (0, chai_1.expect)(weak.status).to.equal(400);
        (0, chai_1.expect)((0, hub_1.decodeHtml)(weak.body)).to.contain('common passwords');
        const done = await browser.request(link, { form: { _csrf: (0, hub_1.csrfOf)(form.body), password: 'Nieuw-Krijtje-2027' } });
        (0, chai_1.expect)(done.status).to.equal(303);
        (0, chai_1.expect)((await login(new hub_1.Browser(), school.teacher.username, 'Nieuw-Krijtje-2027')).status).to.equal(303);
        (0, chai_1.expect)((await login(new hub_1.Browser(), school.teacher.username, school.teacher.password)).status, 'old password').to.equal(401);
        const old = await teacherSession.request(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(old.location ?? '', 'sessions ended by the reset').to.contain('/login');
        const again = await new hub_1.Browser().request(link);
        (0, chai_1.expect)(again.status, 'used twice').to.equal(400);
        (0, chai_1.expect)(again.body).to.contain('Deze link werkt niet');
        const replay = await browser.request(link, { form: { _csrf: (0, hub_1.csrfOf)(form.body), password: 'Nog-Een-Wachtwoord-1' } });
        (0, chai_1.expect)(replay.status).to.equal(400);
        (0, chai_1.expect)((await login(new hub_1.Browser(), school.teacher.username, 'Nieuw-Krijtje-2027')).status, 'nothing changed').to.equal(303);
    });
    it('an expired or made-up link gets a friendly page and changes nothing', async () => {
        const mails = await outbox();
        const link = linkIn(mails[1].body);
        await t.hub.db.dataSource.query("UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL");
        const expired = await new hub_1.Browser().request(link);
        (0, chai_1.expect)(expired.status).to.equal(400);
        (0, chai_1.expect)(expired.body).to.contain('verlopen');
        (0, chai_1.expect)((await new hub_1.Browser().request(`${t.baseUrl}/login/reset/${'x'.repeat(43)}`)).status).to.equal(400);
        (0, chai_1.expect)((await new hub_1.Browser().request(`${t.baseUrl}/login/reset/short`)).status).to.equal(400);
        const [row] = await t.hub.db.dataSource.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'password_reset.complete'");
        (0, chai_1.expect)(row.n).to.equal(1);
    });
});
//# sourceMappingURL=password-reset.test.js.map