import { expect } from 'chai';
import { amsterdamTime } from '../../src/domain/calendar';
import { cliDatabase, runCli } from '../support/cli';

/** `leerpoort service|browser|disruption` through the built bin with --json, against PostgreSQL (agreement art. 5, 6, 11). */
describe('CLI notices and disruptions (service, browser, disruption) against PostgreSQL', function () {
  this.timeout(240_000);
  let env: Record<string, string>;
  let brin: string;
  const json = async (args: string[]) => {
    const r = await runCli([...args, '--json'], env);
    return { ...r, out: r.stdout ? JSON.parse(r.stdout) : null };
  };

  before(async function () {
    ({ env } = await cliDatabase(this, '_cli_notices', 'CLI notices'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code, demo.stderr).to.equal(0);
    brin = JSON.parse(demo.stdout).school.brin;
  });

  it('announces the end of the service three months ahead only, and browser support ends likewise', async () => {
    const year = Number(amsterdamTime(new Date()).day.slice(0, 4));
    const late = await json(['service', 'end', '--year', String(year)]);
    expect(late.code).to.equal(2);
    expect(late.out).to.deep.include({ error: 'validation' });
    expect(late.stderr).to.contain('at least three months ahead');
    const ok = await json(['service', 'end', '--year', String(year + 1)]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.out).to.include({ kind: 'service_end', effectiveAt: new Date(`${year + 1}-07-31T22:00:00Z`).toISOString() });
    expect(ok.out.delegatesNotified).to.be.greaterThan(0);
    expect((await json(['service', 'end', '--year', String(year + 2)])).code, 'one at a time').to.equal(4);

    expect((await json(['browser', 'add', '--name', 'Firefox', '--min-version', '115'])).code).to.equal(0);
    const soon = await json(['browser', 'withdraw', '--name', 'Firefox', '--from', new Date(Date.now() + 30 * 86_400_000).toISOString()]);
    expect(soon.code).to.equal(2);
    const later = await json(['browser', 'withdraw', '--name', 'Firefox', '--from', new Date(Date.now() + 120 * 86_400_000).toISOString()]);
    expect(later.code, later.stderr).to.equal(0);
    const listed = await json(['browser', 'list']);
    expect(listed.out).to.have.length(1);
    expect(listed.out[0]).to.include({ name: 'Firefox', minimumVersion: '115' });
    expect(listed.out[0].supportEndsAt).to.be.a('string');
    const notices = await json(['service', 'notices']);
    expect(notices.out.map((n: { kind: string }) => n.kind).sort()).to.deep.equal(['browser_withdrawal', 'service_end']);
    expect((await json(['service', 'cancel', ok.out.id])).code).to.equal(0);
  });

  it('records a phone call, lists it with its deadlines, acknowledges, estimates and resolves it', async () => {
    const reported = await json(['disruption', 'report', '--brin', brin, '--description', 'School belt: inloggen lukt niet']);
    expect(reported.code, reported.stderr).to.equal(0);
    const [open] = (await json(['disruption', 'list'])).out;
    expect(open).to.include({ id: reported.out.id, channel: 'phone', acknowledge: open.acknowledge });
    expect(['open', 'due_soon', 'missed']).to.include(open.acknowledge);
    expect(Date.parse(open.estimateBy)).to.be.greaterThan(Date.parse(open.acknowledgeBy));
    expect(
      (await json(['disruption', 'estimate', reported.out.id, '--at', new Date(Date.now() + 3_600_000).toISOString()])).code,
      'not acknowledged yet',
    ).to.equal(4);
    expect((await json(['disruption', 'ack', reported.out.id, '--nl', 'Inloggen traag', '--en', 'Slow logins'])).code).to.equal(0);
    const est = await json(['disruption', 'estimate', reported.out.id, '--at', new Date(Date.now() + 3_600_000).toISOString()]);
    expect(est.code, est.stderr).to.equal(0);
    expect(est.out.estimatedRepairAt).to.be.a('string');
    expect((await json(['disruption', 'resolve', reported.out.id])).code).to.equal(0);
    expect((await json(['disruption', 'list'])).out).to.deep.equal([]);
    expect((await json(['disruption', 'resolve', 'not-an-id'])).code).to.equal(3);
  });
});
