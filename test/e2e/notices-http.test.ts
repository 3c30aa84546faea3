import { expect } from 'chai';
import { amsterdamTime } from '../../src/domain/calendar';
import { totpCode } from '../support/browser-pages';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';

/**
 * Three-month notices over real HTTP on PostgreSQL (agreement art. 6 and 11): the console's page per role
 * (dba announces; a security officer or helpdesk is refused on the server), refusals beside the form, the
 * delegates' mail, and the public status page and its JSON with the end of the service and the browsers.
 */
describe('notices in the operator console and on the status page: end of the service, browsers (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let dba: Browser;
  let other: Browser;
  const url = (path: string) => `${t.baseUrl}${path}`;
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  async function operatorSession(username: string): Promise<Browser> {
    const b = new Browser();
    expect((await b.passwordLogin(t.baseUrl, username, 'Console-Lamp-Vijver-8')).location).to.equal(url('/login/2fa/setup'));
    const page = await b.request(url('/login/2fa/setup'));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    expect((await b.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(page.body), code: totpCode(secret) } })).status).to.equal(200);
    return b;
  }

  before(async function () {
    t = await startTestHub(this, 'notices_http');
    await seedSchool(t.hub, { brin: '61GG', participant: 'Uitgeverij N' });
    const schoolId = (await t.hub.db.repositories.schools.findByBrin('61GG'))[0]!.id;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@61gg.example.nl' },
      'ilse.61gg',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    await createOperators(
      t.hub,
      [
        ['dirk.ops', ['dba']],
        ['sanne.ops', ['security_officer', 'helpdesk']],
      ],
      'Console-Lamp-Vijver-8',
    );
    dba = await operatorSession('dirk.ops');
    other = await operatorSession('sanne.ops');
  });
  after(async () => t?.stop());

  it('only a dba may open and post the page (403 otherwise, nothing stored); CSRF required', async () => {
    expect((await other.request(url('/ops/notices'))).status).to.equal(403);
    const csrf = csrfOf((await other.request(url('/ops'))).body);
    expect((await other.request(url('/ops/notices/browsers'), { form: { _csrf: csrf, name: 'Firefox', version: '115' } })).status).to.equal(
      403,
    );
    expect((await dba.request(url('/ops/notices/browsers'), { form: { name: 'Firefox', version: '115' } })).status, 'no CSRF').to.equal(
      403,
    );
    expect(await t.hub.db.repositories.notices.listBrowsers()).to.deep.equal([]);
  });

  it('announces the end of the service three months ahead (shorter refused beside the form); the status page shows it', async () => {
    const page = await dba.request(url('/ops/notices'));
    expect(page.status).to.equal(200);
    const thisYear = Number(amsterdamTime(new Date()).day.slice(0, 4));
    const tooLate = await dba.request(url('/ops/notices/service-end'), { form: { _csrf: csrfOf(page.body), year: String(thisYear) } });
    expect(tooLate.status).to.equal(400);
    expect(tooLate.body)
      .to.contain('id="end-error"')
      .and.contain('minstens drie maanden vooraf')
      .and.contain('at least three months ahead');
    expect(await t.hub.db.repositories.outbox.list()).to.deep.equal([]);

    const year = thisYear + 1;
    const ok = await dba.request(url('/ops/notices/service-end'), { form: { _csrf: csrfOf(page.body), year: String(year) } });
    expect(ok.status).to.equal(303);
    const mails = await t.hub.db.repositories.outbox.list();
    expect(mails.map((m) => m.to)).to.include('ilse@61gg.example.nl');
    const status = await new Browser().request(url('/status'));
    expect(status.body).to.contain('id="service-end"').and.contain(`1 augustus ${year}`).and.contain(`1 August ${year}`);
    const json = JSON.parse((await new Browser().request(url('/status.json'))).body);
    expect(json.serviceEnd).to.deep.equal({ at: new Date(`${year}-07-31T22:00:00Z`).toISOString() });
  });

  it('publishes supported browsers and announces the end of support three months ahead at the earliest', async () => {
    let page = await dba.request(url('/ops/notices'));
    expect(
      (await dba.request(url('/ops/notices/browsers'), { form: { _csrf: csrfOf(page.body), name: 'Firefox', version: '115' } })).status,
    ).to.equal(303);
    expect(
      (await dba.request(url('/ops/notices/browsers'), { form: { _csrf: csrfOf(page.body), name: 'Safari', version: '16' } })).status,
    ).to.equal(303);
    page = await dba.request(url('/ops/notices'));
    const soon = new Date(Date.now() + 60 * 86_400_000);
    const refused = await dba.request(url('/ops/notices/browsers/withdraw'), {
      form: { _csrf: csrfOf(page.body), name: 'Safari', from: local(soon) },
    });
    expect(refused.status).to.equal(400);
    expect(refused.body).to.contain('id="withdraw-error"').and.contain('at least three months ahead');
    const later = new Date(Date.now() + 100 * 86_400_000);
    const ok = await dba.request(url('/ops/notices/browsers/withdraw'), {
      form: { _csrf: csrfOf(page.body), name: 'Safari', from: local(later) },
    });
    expect(ok.status).to.equal(303);
    expect((await t.hub.db.repositories.outbox.list()).some((m) => m.subject.includes('Safari'))).to.equal(true);
    const json = JSON.parse((await new Browser().request(url('/status.json'))).body);
    expect(json.browsers.map((b: { name: string }) => b.name)).to.deep.equal(['Firefox', 'Safari']);
    expect(json.browsers[1].supportEndsAt).to.be.a('string');
    const status = (await new Browser().request(url('/status'))).body;
    expect(status).to.contain('id="browsers"').and.contain('Firefox').and.contain('ondersteuning stopt op');
  });
});
