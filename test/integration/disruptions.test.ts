import { expect } from 'chai';
import { DisruptionService } from '../../src/domain/disruptions/disruption.service';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { rejects } from '../support/assert';
import { describeEachBackend, truncateAll } from '../support/postgres';

const ACTOR = { type: 'operator' as const, id: '00000000-0000-4000-8000-000000000002' };

/** Disruption reports (agreement art. 5) on PGlite and PostgreSQL: the steps, their deadlines, mails and the status page's view. */
describeEachBackend('disruptions: report, acknowledge, estimate, resolve (art. 5)', ({ db }) => {
  const service = () => new DisruptionService(db().unitOfWork, db().repositories, 'https://leerpoort.example');
  let schoolId: string;

  beforeEach(async () => {
    await truncateAll(db());
    const repos = db().repositories;
    schoolId = (await repos.schools.insert({ brin: '71HH', dependanceCode: '00', name: 'H' })).id;
    await repos.people.insert({ schoolId, role: 'delegate', firstName: 'D', lastName: 'H', staffEmail: 'ict@h.example.nl' });
  });

  it('tracks both deadlines in office time, flags the one about to be missed, mails the school at each step, audits', async () => {
    const reportedAt = new Date('2026-12-01T08:00:00Z'); // Tuesday 09:00
    const report = await service().reportBySchool(schoolId, 'Inloggen lukt niet voor groep 5', { type: 'person', id: 'p' }, reportedAt);
    expect(JSON.stringify(await db().dataSource.query('SELECT * FROM disruptions'))).not.to.contain('groep 5');
    const [tracked] = await service().open(new Date('2026-12-01T09:05:00Z'));
    expect(tracked!.deadlines.acknowledgeBy.toISOString()).to.equal('2026-12-01T09:30:00.000Z');
    expect(tracked!.attention, '25 minutes before the acknowledgement deadline').to.equal(true);
    expect(await service().current(), 'not public before acknowledgement').to.deep.equal([]);

    expect(
      await rejects(service().estimate(report.id, new Date('2026-12-01T14:00:00Z'), ACTOR, new Date('2026-12-01T09:00:00Z'))),
    ).to.be.instanceOf(ConflictError);
    await service().acknowledge(report.id, { nl: 'Inloggen is traag', en: 'Logins are slow' }, ACTOR, new Date('2026-12-01T09:10:00Z'));
    expect(await rejects(service().acknowledge(report.id, { nl: 'x', en: 'y' }, ACTOR))).to.be.instanceOf(ConflictError);
    const [acked] = await service().open(new Date('2026-12-01T09:15:00Z'));
    expect(acked!.deadlines.acknowledge).to.equal('met');
    expect(acked!.deadlines.estimateBy.toISOString()).to.equal('2026-12-01T10:40:00.000Z');
    expect(acked!.attention).to.equal(false);

    await service().estimate(report.id, new Date('2026-12-01T14:00:00Z'), ACTOR, new Date('2026-12-01T10:00:00Z'));
    expect(await service().current()).to.deep.equal([
      {
        id: report.id,
        acknowledgedAt: new Date('2026-12-01T09:10:00Z'),
        publicTextNl: 'Inloggen is traag',
        publicTextEn: 'Logins are slow',
        estimatedRepairAt: new Date('2026-12-01T14:00:00Z'),
      },
    ]);
    await service().resolve(report.id, ACTOR, new Date('2026-12-01T13:00:00Z'));
    expect(await service().current()).to.deep.equal([]);
    expect(await rejects(service().resolve(report.id, ACTOR))).to.be.instanceOf(ConflictError);
    const mails = await db().repositories.outbox.list();
    expect(mails.map((m) => m.to)).to.deep.equal(['ict@h.example.nl', 'ict@h.example.nl', 'ict@h.example.nl']);
    const actions = (await db().repositories.audit.list({})).map((e) => e.action).sort();
    expect(actions).to.deep.equal(['disruption.acknowledge', 'disruption.estimate', 'disruption.report', 'disruption.resolve']);
  });

  it('records a phone call for a school or in general; refuses empty text, unknown schools and ids, a repair time in the past', async () => {
    const call = await service().recordCall('71HH', 'School belt: niemand kan inloggen', ACTOR);
    expect(call).to.deep.include({ schoolId, channel: 'phone' });
    expect((await service().recordCall(null, 'Algemene storing', ACTOR)).schoolId).to.equal(null);
    expect(await rejects(service().recordCall('72JJ', 'x', ACTOR))).to.be.instanceOf(NotFoundError);
    expect(await rejects(service().recordCall(null, '  ', ACTOR))).to.be.instanceOf(ValidationError);
    expect(await rejects(service().acknowledge('nope', { nl: 'x', en: 'y' }, ACTOR))).to.be.instanceOf(NotFoundError);
    await service().acknowledge(call.id, { nl: 'x', en: 'y' }, ACTOR);
    expect(await rejects(service().estimate(call.id, new Date(Date.now() - 1000), ACTOR))).to.be.instanceOf(ValidationError);
    expect(await service().open()).to.have.length(2);
  });
});
