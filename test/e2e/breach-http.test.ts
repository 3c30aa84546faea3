import { expect } from 'chai';
import { amsterdamTime } from '../../src/domain/calendar';
import { totpCode } from '../support/browser-pages';
import { ACTOR, seedSchool } from '../support/federation';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';

/**
 * The breach register over real HTTP against a hub on PostgreSQL (DPA annex 2; security annex C): every
 * endpoint per role (only `security_officer`; helpdesk and dba get 403 whatever they post, nothing is
 * stored), CSRF, escaping, refusals beside the form, the mail in the outbox, the overdue marker.
 */
describe('breach register in the operator console, per role (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  const sessions: Record<string, Browser> = {};
  let officerId = '';
  const url = (path: string) => `${t.baseUrl}${path}`;
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };
  const breachCount = async () => Number((await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM breaches'))[0].n);
  const fields = (over: Record<string, string | string[]> = {}) => ({
    detected: local(new Date(Date.now() - 2 * 3_600_000)),
    summary: 'Loglijst <script>alert(1)</script> & namen openbaar',
    nature: ['read', 'copy'],
    cause: 'Verkeerd ingestelde "bucket"',
    measures: 'Bucket afgesloten',
    schools: '41DD 25',
    kind: ['pupils'],
    category: ['firstName', 'lastName'],
    access: 'yes',
    ...over,
  });

  async function operatorSession(username: string): Promise<Browser> {
    const b = new Browser();
    expect((await b.passwordLogin(t.baseUrl, username, 'Console-Lamp-Vijver-8')).location).to.equal(url('/login/2fa/setup'));
    const page = await b.request(url('/login/2fa/setup'));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const done = await b.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(page.body), code: totpCode(secret) } });
    expect(done.status, done.body.slice(0, 300)).to.equal(200);
    return b;
  }

  before(async function () {
    t = await startTestHub(this, 'breach_http');
    await seedSchool(t.hub, { brin: '41DD', participant: 'Uitgeverij B' });
    const schoolId = (await t.hub.db.repositories.schools.findByBrin('41DD'))[0]!.id;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@41dd.example.nl' },
      'ilse.41dd',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    const roles = { 'sara.sec': ['security_officer'], 'hanna.help': ['helpdesk'], 'dirk.dba': ['dba'] } as const;
    for (const [username, r] of Object.entries(roles)) {
      const { operator } = await t.hub.services.accounts.createOperator(
        { displayName: username, email: `${username}@leerpoort.example`, roles: r },
        username,
        'Console-Lamp-Vijver-8',
        ACTOR,
      );
      if (username === 'sara.sec') officerId = operator.id;
      sessions[username] = await operatorSession(username);
    }
  });
  after(async () => t?.stop());

  it('without an operator login every page redirects to /login, and every post is refused', async () => {
    const anonymous = new Browser();
    for (const path of ['/ops/breaches', '/ops/breaches/new', '/ops/breaches/00000000-0000-4000-8000-000000000000'])
      expect((await anonymous.request(url(path))).location, path).to.equal(url('/login'));
    for (const path of ['/ops/breaches', '/ops/breaches/00000000-0000-4000-8000-000000000000/confirm'])
      expect((await anonymous.request(url(path), { form: fields() })).status, path).to.equal(403);
    expect(await breachCount()).to.equal(0);
  });

  it('helpdesk and dba: no link, every page and every post 403 (with a valid CSRF token), nothing stored or mailed', async () => {
    const b = await t.hub.services.breaches.record(
      {
        detectedAt: new Date(Date.now() - 60_000),
        summary: 'Vooraf vastgelegd',
        natures: ['read'],
        cause: 'x',
        measures: 'y',
        schools: ['41DD 1'],
        affectedKinds: ['pupils'],
        dataCategories: ['firstName'],
        accessDataAffected: false,
      },
      ACTOR,
    );
    for (const who of ['hanna.help', 'dirk.dba']) {
      const ops = await sessions[who]!.request(url('/ops'));
      expect(ops.body, who).not.to.contain('/ops/breaches');
      const csrf = csrfOf(ops.body);
      for (const path of ['/ops/breaches', '/ops/breaches/new', `/ops/breaches/${b.id}`]) {
        const page = await sessions[who]!.request(url(path));
        expect(page.status, `${who} GET ${path}`).to.equal(403);
        expect(page.body).to.contain('Hiervoor is de rol &#39;security_officer&#39; nodig');
      }
      for (const path of ['/ops/breaches', `/ops/breaches/${b.id}/confirm`, `/ops/breaches/${b.id}/notify`])
        expect((await sessions[who]!.request(url(path), { form: { ...fields(), _csrf: csrf } })).status, `${who} POST ${path}`).to.equal(
          403,
        );
    }
    expect(await breachCount()).to.equal(1);
    expect((await t.hub.db.repositories.breaches.findById(b.id))!.confirmedAt).to.equal(null);
    expect(await t.hub.db.repositories.outbox.list()).to.deep.equal([]);
    await t.hub.db.dataSource.query('DELETE FROM breaches');
  });

  it('security officer: the form needs the session’s CSRF token', async () => {
    const officer = sessions['sara.sec']!;
    expect((await officer.request(url('/ops/breaches'), { form: fields() })).status).to.equal(403);
    const otherCsrf = csrfOf((await sessions['hanna.help']!.request(url('/ops'))).body);
    expect((await officer.request(url('/ops/breaches'), { form: { ...fields(), _csrf: otherCsrf } })).status).to.equal(403);
    expect(await breachCount()).to.equal(0);
  });

  it('a refusal is shown beside the form, with what was typed (escaped); nothing stored', async () => {
    const officer = sessions['sara.sec']!;
    const res = await officer.submit(url('/ops/breaches'), fields({ nature: [], schools: '41DD 25\n99ZZ 3' }), url('/ops/breaches/new'));
    expect(res.status).to.equal(400);
    expect(/<p class="error" role="alert" id="breach-error">([^<]*)<\/p>/.exec(res.body)?.[1]).to.contain('choose the nature');
    expect(res.body).to.contain('Loglijst &lt;script&gt;alert(1)&lt;/script&gt; &amp; namen openbaar</textarea>');
    expect(res.body).not.to.contain('<script>alert');
    expect(res.body).to.match(/value="firstName" checked/);
    const unknown = await officer.submit(url('/ops/breaches'), fields({ schools: '41DD 25\n99ZZ 3' }), url('/ops/breaches/new'));
    expect(unknown.status).to.equal(400);
    expect(unknown.body).to.contain('unknown school &#39;99ZZ&#39;');
    expect(await breachCount()).to.equal(0);
    const refused = (await t.hub.db.repositories.audit.list({ action: 'breach.record' })).filter((e) => e.outcome === 'failure');
    expect(refused.map((e) => e.actor.id)).to.deep.equal([officerId, officerId]);
  });

  it('security officer records, confirms and notifies: the delegate gets exactly the annex fields; every step audited', async () => {
    const officer = sessions['sara.sec']!;
    const ops = await officer.request(url('/ops'));
    expect(ops.body).to.contain('href="/ops/breaches"');
    const recorded = await officer.submit(url('/ops/breaches'), fields(), url('/ops/breaches/new'));
    expect(recorded.status, recorded.body.slice(0, 400)).to.equal(303);
    const id = /\/ops\/breaches\/([0-9a-f-]{36})\?done=recorded$/.exec(recorded.location!)![1]!;
    const detail = await officer.request(recorded.location!);
    expect(detail.body)
      .to.contain('Loglijst &lt;script&gt;alert(1)&lt;/script&gt; &amp; namen openbaar')
      .and.not.to.contain('<script>alert');
    expect(detail.body).to.contain('nog niet vastgesteld');
    expect(detail.body).not.to.contain(`/ops/breaches/${id}/notify`);

    // Notify before confirming: refused (409), no mail.
    expect((await officer.request(url(`/ops/breaches/${id}/notify`), { form: { _csrf: csrfOf(detail.body) } })).status).to.equal(409);
    const confirmed = await officer.request(url(`/ops/breaches/${id}/confirm`), { form: { _csrf: csrfOf(detail.body) } });
    expect(confirmed.location).to.equal(url(`/ops/breaches/${id}?done=confirmed`));
    const due = await officer.request(confirmed.location!);
    expect(due.body).to.contain('uiterlijk').and.to.contain('23 uur');
    expect((await officer.request(url(`/ops/breaches/${id}/confirm`), { form: { _csrf: csrfOf(due.body) } })).status, 'twice').to.equal(
      409,
    );

    const notified = await officer.request(url(`/ops/breaches/${id}/notify`), { form: { _csrf: csrfOf(due.body) } });
    expect(notified.location).to.equal(url(`/ops/breaches/${id}?done=notified`));
    expect((await officer.request(notified.location!)).body).to.contain('gemeld');
    expect((await officer.request(url(`/ops/breaches/${id}/notify`), { form: { _csrf: csrfOf(due.body) } })).status, 'twice').to.equal(409);

    const mails = (await t.hub.db.repositories.outbox.list()).filter((m) => m.subject.includes('datalek'));
    expect(mails.map((m) => m.to)).to.deep.equal(['ilse@41dd.example.nl']);
    const body = mails[0]!.body;
    for (const line of [
      'Samenvatting: Loglijst <script>alert(1)</script> & namen openbaar',
      'Aard: inzien, kopiëren',
      'Oorzaak: Verkeerd ingestelde "bucket"',
      'Genomen maatregelen: Bucket afgesloten',
      'Wie zijn getroffen: leerlingen',
      'Aantal getroffen personen van uw school: 25',
      'Getroffen gegevens: voornaam, achternaam',
      'Nature: read, copy',
      'Who is affected: pupils',
      'Data affected: first name, last name',
      `Reference: ${id}`,
    ])
      expect(body.split('\n'), line).to.include(line);
    expect(body)
      .to.match(/^Ontdekt op: .+ \(Nederlandse tijd\)$/m)
      .and.to.match(/^Detected at: .+ \(Dutch time\)$/m);
    expect(body)
      .to.contain('Toegangs- of identificatiegegevens getroffen: JA')
      .and.to.contain('Access or identification data affected: YES');

    const audit = await t.hub.db.dataSource.query(
      "SELECT action, actor_id FROM audit_events WHERE action LIKE 'breach.%' AND outcome = 'success' AND target_id = $1 ORDER BY id",
      [id],
    );
    expect(audit).to.deep.equal([
      { action: 'breach.record', actor_id: officerId },
      { action: 'breach.confirm', actor_id: officerId },
      { action: 'breach.notify', actor_id: officerId },
    ]);
  });

  it('a confirmed breach not notified within 24 hours is shown as overdue in the list and on the console', async () => {
    const b = await t.hub.services.breaches.record(
      {
        detectedAt: new Date(Date.now() - 30 * 3_600_000),
        summary: 'Te laat',
        natures: ['theft'],
        cause: 'Laptop gestolen',
        measures: 'Sessies ingetrokken',
        schools: ['41DD 4'],
        affectedKinds: ['teachers'],
        dataCategories: ['email'],
        accessDataAffected: false,
      },
      ACTOR,
    );
    await t.hub.services.breaches.confirm(b.id, ACTOR, new Date(Date.now() - 25 * 3_600_000));
    const officer = sessions['sara.sec']!;
    const list = await officer.request(url('/ops/breaches'));
    expect(list.status).to.equal(200);
    expect(/<p class="error" role="alert" id="breaches-overdue">([^<]*)</.exec(list.body)?.[1]).to.contain('1 datalek(ken) te laat');
    expect(list.body).to.match(/<tr class="breach-overdue">[\s\S]*?TE LAAT/);
    const console = await officer.request(url('/ops'));
    expect(console.body).to.contain('id="breaches-overdue"');
    expect((await sessions['dirk.dba']!.request(url('/ops'))).body, 'only the security officer is shown').not.to.contain(
      'breaches-overdue',
    );
  });
});
