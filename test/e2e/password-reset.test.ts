import { expect } from 'chai';
import { seedSchool, type SeededSchool } from '../support/federation';
import { Browser, csrfOf, decodeHtml, startTestHub, type TestHub } from '../support/hub';

describe('staff password reset by a one-time e-mailed link (outbox, PostgreSQL)', function () {
  let t: TestHub;
  let school: SeededSchool;

  before(async function () {
    t = await startTestHub(this, 'password_reset');
    school = await seedSchool(t.hub, { brin: '11AA', participant: 'Uitgeverij Z' });
  });
  after(async () => t?.stop());

  async function requestReset(browser: Browser, account: string) {
    const answer = await browser.submit(`${t.baseUrl}/login/reset`, { account });
    await t.server.background.drain(); // the mail is queued after the answer
    return answer;
  }
  const outbox = () => t.hub.db.repositories.outbox.list();
  const linkIn = (body: string) => /(http:\/\/[^\s]+\/login\/reset\/[A-Za-z0-9_-]{43})/.exec(body)![1]!;
  const login = (browser: Browser, username: string, password: string) => browser.passwordLogin(t.baseUrl, username, password);

  it('answers every request the same; mails only staff with an address; the link works once and ends all sessions', async () => {
    const teacherSession = new Browser();
    expect((await login(teacherSession, school.teacher.username, school.teacher.password)).status).to.equal(303);

    const answers = [];
    for (const account of [school.teacher.username, school.pupil.username, 'niemand.hier', 'niemand@example.nl']) {
      const r = await requestReset(new Browser(), account);
      expect(r.status).to.equal(200);
      answers.push(/id="reset-done">([^<]+)</.exec(r.body)![1]);
    }
    expect(new Set(answers).size, 'no enumeration').to.equal(1);
    let mails = await outbox();
    expect(mails.map((m) => m.to)).to.deep.equal(['g.zwaan@11aa.example.nl']);
    await requestReset(new Browser(), 'G.Zwaan@11aa.example.nl');
    mails = await outbox();
    expect(mails).to.have.length(2);
    const raw = JSON.stringify([
      ...(await t.hub.db.dataSource.query('SELECT * FROM outbox')),
      ...(await t.hub.db.dataSource.query('SELECT * FROM password_resets')),
    ]);
    expect(raw).not.to.contain('g.zwaan@').and.not.to.contain(linkIn(mails[0]!.body).split('/').pop());

    const link = linkIn(mails[0]!.body);
    const browser = new Browser();
    const form = await browser.request(link);
    expect(form.status).to.equal(200);
    expect(form.headers.get('referrer-policy')).to.equal('no-referrer');
    const weak = await browser.request(link, { form: { _csrf: csrfOf(form.body), password: 'welkom123' } });
    expect(weak.status).to.equal(400);
    expect(decodeHtml(weak.body)).to.contain('common passwords');
    const done = await browser.request(link, { form: { _csrf: csrfOf(form.body), password: 'Nieuw-Krijtje-2027' } });
    expect(done.status).to.equal(303);
    expect((await login(new Browser(), school.teacher.username, 'Nieuw-Krijtje-2027')).status).to.equal(303);
    expect((await login(new Browser(), school.teacher.username, school.teacher.password)).status, 'old password').to.equal(401);
    const old = await teacherSession.request(`${t.baseUrl}/portal`);
    expect(old.location ?? '', 'sessions ended by the reset').to.contain('/login');

    const again = await new Browser().request(link);
    expect(again.status, 'used twice').to.equal(400);
    expect(again.body).to.contain('Deze link werkt niet');
    const replay = await browser.request(link, { form: { _csrf: csrfOf(form.body), password: 'Nog-Een-Wachtwoord-1' } });
    expect(replay.status).to.equal(400);
    expect((await login(new Browser(), school.teacher.username, 'Nieuw-Krijtje-2027')).status, 'nothing changed').to.equal(303);
  });

  it('an expired or made-up link gets a friendly page and changes nothing', async () => {
    const mails = await outbox();
    const link = linkIn(mails[1]!.body);
    await t.hub.db.dataSource.query("UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL");
    const expired = await new Browser().request(link);
    expect(expired.status).to.equal(400);
    expect(expired.body).to.contain('verlopen');
    expect((await new Browser().request(`${t.baseUrl}/login/reset/${'x'.repeat(43)}`)).status).to.equal(400);
    expect((await new Browser().request(`${t.baseUrl}/login/reset/short`)).status).to.equal(400);
    const [row] = await t.hub.db.dataSource.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'password_reset.complete'");
    expect(row.n).to.equal(1);
  });
});
