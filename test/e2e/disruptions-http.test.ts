import { expect } from 'chai';
import { amsterdamTime } from '../../src/domain/calendar';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { Browser, csrfOf, loginEnrollingTotp, startTestHub, type TestHub } from '../support/hub';

/**
 * Disruptions over real HTTP on PostgreSQL (agreement art. 5): a delegate reports one in the management
 * screen, the helpdesk acknowledges it and gives a repair time in the console, the public status page shows
 * the disruption and its estimate, the school's delegates are mailed; other roles are refused (403).
 */
describe('disruptions: delegate report, helpdesk console, status page (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let delegate: Browser;
  let helpdesk: Browser;
  let dba: Browser;
  const url = (path: string) => `${t.baseUrl}${path}`;
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  const withTotp = async (username: string, password: string) => (await loginEnrollingTotp(t.baseUrl, username, password)).browser;

  before(async function () {
    t = await startTestHub(this, 'disruptions_http');
    await seedSchool(t.hub, { brin: '81KK', participant: 'Uitgeverij D' });
    const school = (await t.hub.db.repositories.schools.findByBrin('81KK'))[0]!;
    const { person } = await t.hub.services.accounts.createPersonWithAccount(
      { schoolId: school.id, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@81kk.example.nl' },
      'ilse.81kk',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    const { version } = await t.hub.services.agreements.publish(
      {
        version: '2026.1',
        body: 'Overeenkomst versie 2026.1 — de volledige tekst van de productovereenkomst.',
        effectiveFrom: new Date(Date.now() - 1000),
      },
      ACTOR,
    );
    await t.hub.services.agreements.accept(school, version.id, person.id, '127.0.0.1');
    await createOperators(
      t.hub,
      [
        ['hanna.ops', ['helpdesk']],
        ['dirk.ops', ['dba', 'security_officer']],
      ],
      'Console-Lamp-Vijver-8',
    );
    delegate = await withTotp('ilse.81kk', 'Sleutelbos-Fiets-91');
    helpdesk = await withTotp('hanna.ops', 'Console-Lamp-Vijver-8');
    dba = await withTotp('dirk.ops', 'Console-Lamp-Vijver-8');
  });
  after(async () => t?.stop());

  it('a delegate reports; the helpdesk acknowledges and estimates; the status page shows it until it is resolved', async () => {
    const form = await delegate.request(url('/admin/disruptions'));
    expect(form.status).to.equal(200);
    const empty = await delegate.request(url('/admin/disruptions'), { form: { _csrf: csrfOf(form.body), description: ' ' } });
    expect(empty.status).to.equal(400);
    const sent = await delegate.request(url('/admin/disruptions'), {
      form: { _csrf: csrfOf(form.body), description: 'Groep 5 kan niet <b>inloggen</b>' },
    });
    expect(sent.status).to.equal(303);
    expect((await delegate.request(url('/admin/disruptions?saved=1'))).body).to.contain('Groep 5 kan niet &lt;b&gt;inloggen&lt;/b&gt;');

    let console = await helpdesk.request(url('/ops/disruptions'));
    expect(console.status).to.equal(200);
    expect(console.body)
      .to.contain('School 81KK (81KK)')
      .and.contain('Groep 5 kan niet &lt;b&gt;inloggen&lt;/b&gt;')
      .and.contain('Bevestigen vóór');
    const [report] = await t.hub.db.repositories.disruptions.listOpen();
    const ack = await helpdesk.request(url(`/ops/disruptions/${report!.id}/acknowledge`), {
      form: { _csrf: csrfOf(console.body), nl: 'Inloggen is traag', en: 'Logins are slow' },
    });
    expect(ack.status).to.equal(303);
    let status = (await new Browser().request(url('/status'))).body;
    expect(status).to.contain('Inloggen is traag').and.contain('hersteltijd volgt').and.not.contain('Groep 5');

    console = await helpdesk.request(url('/ops/disruptions'));
    const repairAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 2 * 3_600_000);
    const est = await helpdesk.request(url(`/ops/disruptions/${report!.id}/estimate`), {
      form: { _csrf: csrfOf(console.body), at: local(repairAt) },
    });
    expect(est.status).to.equal(303);
    status = (await new Browser().request(url('/status'))).body;
    expect(status).to.contain('verwacht herstel').and.contain('expected repair');
    const json = JSON.parse((await new Browser().request(url('/status.json'))).body);
    expect(json.disruptions).to.have.length(1);
    expect(json.disruptions[0]).to.deep.include({
      description: { nl: 'Inloggen is traag', en: 'Logins are slow' },
      estimatedRepairAt: repairAt.toISOString(),
    });
    const mails = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === 'ilse@81kk.example.nl');
    expect(mails.map((m) => m.subject)).to.include.members([
      'Leerpoort: storingsmelding ontvangen / disruption report received',
      'Leerpoort: verwachte hersteltijd / estimated repair time',
    ]);

    console = await helpdesk.request(url('/ops/disruptions'));
    expect(
      (await helpdesk.request(url(`/ops/disruptions/${report!.id}/resolve`), { form: { _csrf: csrfOf(console.body) } })).status,
    ).to.equal(303);
    expect((await new Browser().request(url('/status'))).body).to.contain('Geen storingen');
  });

  it('a phone call is recorded by the helpdesk (an empty one refused beside the form); other roles get 403 and change nothing', async () => {
    const page = await helpdesk.request(url('/ops/disruptions'));
    const refused = await helpdesk.request(url('/ops/disruptions'), { form: { _csrf: csrfOf(page.body), brin: '81KK', description: '' } });
    expect(refused.status).to.equal(400);
    expect(refused.body).to.contain('id="error"');
    expect(
      (
        await helpdesk.request(url('/ops/disruptions'), {
          form: { _csrf: csrfOf(page.body), brin: '81KK', description: 'Belt: QR-kaarten werken niet' },
        })
      ).status,
    ).to.equal(303);
    expect((await dba.request(url('/ops/disruptions'))).status).to.equal(403);
    const csrf = csrfOf((await dba.request(url('/ops'))).body);
    expect((await dba.request(url('/ops/disruptions'), { form: { _csrf: csrf, description: 'x' } })).status).to.equal(403);
    expect(await t.hub.db.repositories.disruptions.listOpen()).to.have.length(1);
  });
});
