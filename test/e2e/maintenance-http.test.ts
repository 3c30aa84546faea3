import { expect } from 'chai';
import { amsterdamTime } from '../../src/domain/calendar';
import { totpCode } from '../support/browser-pages';
import { ACTOR, seedSchool } from '../support/federation';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';

/**
 * Maintenance over real HTTP against a hub on PostgreSQL (agreement art. 4): the console's form per role
 * (dba schedules; helpdesk is refused on the server, whatever it posts), its CSRF token, refusals shown
 * beside the form, the mail to the delegates, and the public status page and its JSON.
 */
describe('maintenance windows in the operator console and on the public status page (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let dba: Browser;
  let helpdesk: Browser;
  let dbaId = '';
  const url = (path: string) => `${t.baseUrl}${path}`;
  /** An Amsterdam wall-clock time as a datetime-local field sends it. */
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };
  const inDays = (days: number, hours = 0) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + days * 86_400_000 + hours * 3_600_000);
  const windowCount = async () => Number((await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM maintenance_windows'))[0].n);

  /** Password, then the mandatory TOTP enrolment: an operator session that passed the second factor. */
  async function operatorSession(username: string): Promise<Browser> {
    const b = new Browser();
    expect((await b.passwordLogin(t.baseUrl, username, 'Console-Lamp-Vijver-8')).location).to.equal(url('/login/2fa/setup'));
    const page = await b.request(url('/login/2fa/setup'));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const done = await b.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(page.body), code: totpCode(secret) } });
    expect(done.status, done.body.slice(0, 300)).to.equal(200);
    expect((await b.request(url('/ops'))).status).to.equal(200);
    return b;
  }

  before(async function () {
    t = await startTestHub(this, 'maint_http');
    await seedSchool(t.hub, { brin: '31CC', participant: 'Uitgeverij M' });
    const schoolId = (await t.hub.db.repositories.schools.findByBrin('31CC'))[0]!.id;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@31cc.example.nl' },
      'ilse.31cc',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    const roles = { 'dirk.ops': ['dba'], 'hanna.ops': ['helpdesk', 'security_officer'] } as const;
    for (const [username, r] of Object.entries(roles)) {
      const { operator } = await t.hub.services.accounts.createOperator(
        { displayName: username, email: `${username}@leerpoort.example`, roles: r },
        username,
        'Console-Lamp-Vijver-8',
        ACTOR,
      );
      if (username === 'dirk.ops') dbaId = operator.id;
    }
    dba = await operatorSession('dirk.ops');
    helpdesk = await operatorSession('hanna.ops');
  });
  after(async () => t?.stop());

  it('without an operator login the form redirects to /login, and a post without a session is refused', async () => {
    const anonymous = new Browser();
    expect((await anonymous.request(url('/ops/maintenance'))).location).to.equal(url('/login'));
    const post = await anonymous.request(url('/ops/maintenance'), {
      form: { start: local(inDays(5)), end: local(inDays(5, 1)), nl: 'x', en: 'y' },
    });
    expect(post.status).to.equal(403);
    expect(await windowCount()).to.equal(0);
  });

  it('helpdesk (and security officer) are refused on the server: no link, the page 403, a valid post 403, nothing stored', async () => {
    const ops = await helpdesk.request(url('/ops'));
    expect(ops.body).not.to.contain('/ops/maintenance');
    const page = await helpdesk.request(url('/ops/maintenance'));
    expect(page.status).to.equal(403);
    expect(page.body).to.contain('Hiervoor is de rol &#39;dba&#39; nodig');
    const post = await helpdesk.request(url('/ops/maintenance'), {
      form: { _csrf: csrfOf(ops.body), start: local(inDays(5)), end: local(inDays(5, 1)), nl: 'x', en: 'y' },
    });
    expect(post.status).to.equal(403);
    expect(await windowCount()).to.equal(0);
  });

  it('dba: the form needs the session’s CSRF token', async () => {
    const fields = { start: local(inDays(5)), end: local(inDays(5, 1)), nl: 'x', en: 'y' };
    expect((await dba.request(url('/ops/maintenance'), { form: fields })).status).to.equal(403);
    expect(
      (await dba.request(url('/ops/maintenance'), { form: { ...fields, _csrf: csrfOf((await helpdesk.request(url('/ops'))).body) } }))
        .status,
    ).to.equal(403);
    expect(await windowCount()).to.equal(0);
  });

  it('dba schedules a window: mailed to the delegates, audited with the operator, shown on the status page (escaped)', async () => {
    const ops = await dba.request(url('/ops'));
    expect(ops.body).to.contain('href="/ops/maintenance"');
    const start = inDays(4);
    const res = await dba.submit(
      url('/ops/maintenance'),
      { start: local(start), end: local(inDays(4, 2)), nl: 'Nieuwe <b>server</b> & opslag', en: 'New <script>alert(1)</script> server' },
      url('/ops/maintenance'),
    );
    expect(res.status, res.body.slice(0, 500)).to.equal(303);
    expect(res.location).to.equal(url('/ops/maintenance?done=scheduled'));
    const page = await dba.request(res.location!);
    expect(page.body).to.contain('role="status"').and.to.contain('Nieuwe &lt;b&gt;server&lt;/b&gt; &amp; opslag');
    expect(page.body).not.to.contain('<script>alert');

    const mail = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === 'ilse@31cc.example.nl');
    expect(mail.map((m) => m.subject)).to.deep.equal(['Leerpoort: gepland onderhoud / planned maintenance']);
    const audit = await t.hub.db.repositories.audit.list({ action: 'maintenance.schedule' });
    expect(audit).to.have.length(1);
    expect(audit[0]!.actor).to.include({ type: 'operator', id: dbaId });

    const status = await new Browser().request(url('/status'));
    expect(status.status).to.equal(200);
    expect(status.body).to.contain('New &lt;script&gt;alert(1)&lt;/script&gt; server').and.not.to.contain('<script>alert');
    const json = JSON.parse((await new Browser().request(url('/status.json'))).body);
    expect(json.maintenance.planned).to.have.length(1);
    expect(json.maintenance.planned[0]).to.deep.include({
      startsAt: start.toISOString(),
      description: { nl: 'Nieuwe <b>server</b> & opslag', en: 'New <script>alert(1)</script> server' },
    });
    expect(json.maintenance.current).to.deep.equal([]);
    expect(json.disruptions).to.deep.equal([]);
  });

  it('short notice is refused beside the form, in Dutch and English, with what was typed kept; nothing stored or mailed', async () => {
    const before = await windowCount();
    const mails = (await t.hub.db.repositories.outbox.list()).length;
    const res = await dba.submit(
      url('/ops/maintenance'),
      { start: local(inDays(1)), end: local(inDays(1, 1)), nl: 'Te kort "dag"', en: 'Too short' },
      url('/ops/maintenance'),
    );
    expect(res.status).to.equal(400);
    const alert = /<p class="error" role="alert" id="maintenance-error">([^<]*)<\/p>/.exec(res.body)?.[1];
    expect(alert).to.contain('minstens 3 dagen (72 uur) vooraf').and.to.contain('at least 3 days (72 hours) ahead');
    expect(res.body).to.contain('>Te kort &quot;dag&quot;</textarea>');
    const missing = await dba.submit(
      url('/ops/maintenance'),
      { start: '', end: local(inDays(5)), nl: 'x', en: 'y' },
      url('/ops/maintenance'),
    );
    expect(missing.status).to.equal(400);
    expect(missing.body).to.contain('Vul begin en einde in');
    expect(await windowCount()).to.equal(before);
    expect((await t.hub.db.repositories.outbox.list()).length).to.equal(mails);
    // Both refusals are audited with the operator and the reason (not the descriptions).
    const refused = (await t.hub.db.repositories.audit.list({ action: 'maintenance.schedule' })).filter((e) => e.outcome === 'failure');
    expect(refused.map((e) => e.actor.id)).to.deep.equal([dbaId, dbaId]);
    expect(String(refused[1]!.details?.reason)).to.contain('at least 3 days (72 hours) ahead');
    expect(String(refused[0]!.details?.reason)).to.contain('Enter start and end');
    expect(JSON.stringify(refused)).not.to.contain('Te kort');
  });

  it('dba cancels: the delegates are told, the status page no longer shows it; helpdesk cannot cancel', async () => {
    const [w] = await t.hub.db.repositories.maintenance.listComing(new Date());
    const refused = await helpdesk.request(url(`/ops/maintenance/${w!.id}/cancel`), {
      form: { _csrf: csrfOf((await helpdesk.request(url('/ops'))).body) },
    });
    expect(refused.status).to.equal(403);
    const page = await dba.request(url('/ops/maintenance'));
    const res = await dba.request(url(`/ops/maintenance/${w!.id}/cancel`), { form: { _csrf: csrfOf(page.body) } });
    expect(res.location).to.equal(url('/ops/maintenance?done=cancelled'));
    const mail = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === 'ilse@31cc.example.nl');
    expect(mail.map((m) => m.subject)).to.include('Leerpoort: onderhoud geannuleerd / maintenance cancelled');
    expect(JSON.parse((await new Browser().request(url('/status.json'))).body).maintenance.planned).to.deep.equal([]);
    expect((await dba.request(url(`/ops/maintenance/${w!.id}/cancel`), { form: { _csrf: csrfOf(page.body) } })).status, 'twice').to.equal(
      409,
    );
  });

  it('the status page: public, no cookie, the hub’s security headers; maintenance going on now is shown as current', async () => {
    // A window already under way (stored directly: the rule forbids scheduling one that has started).
    await t.hub.db.repositories.maintenance.insert({
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3_600_000),
      descriptionNl: 'Onderhoud bezig',
      descriptionEn: 'Maintenance under way',
      scheduledBy: 'cli:test',
    });
    const res = await fetch(url('/status'));
    expect(res.status).to.equal(200);
    expect(res.headers.getSetCookie()).to.deep.equal([]);
    expect(res.headers.get('content-security-policy')).to.contain("default-src 'self'").and.to.contain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
    const login = await fetch(url('/login'));
    expect(await login.text(), 'the login page links to the status page').to.match(/<a href="\/status">Storingen en gepland onderhoud/);
    const html = await res.text();
    expect(html).to.contain('Geen storingen <span class="en" lang="en">/ No disruptions</span>');
    expect(/<section aria-labelledby="current-heading" id="current">([\s\S]*?)<\/section>/.exec(html)![1])
      .to.contain('Onderhoud bezig')
      .and.to.contain('Maintenance under way');
    const json = await fetch(url('/status.json'));
    expect(json.headers.getSetCookie()).to.deep.equal([]);
    expect(json.headers.get('content-type')).to.contain('application/json');
    expect((await json.json()).maintenance.current.map((w: { description: { en: string } }) => w.description.en)).to.deep.equal([
      'Maintenance under way',
    ]);
  });
});
