import { expect } from 'chai';
import { BreachService, type BreachInput } from '../../src/domain/breaches/breach.service';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { CATEGORY_LABELS } from '../../src/release/categories';
import { rejects } from '../support/assert';
import { describeEachBackend, truncateAll } from '../support/postgres';

const ACTOR = { type: 'operator' as const, id: 'officer-1' };

/** The breach register on both backends (embedded PGlite and PostgreSQL): record, confirm once, notify once. */
describeEachBackend('breach register: fields, the 24-hour clock, who is mailed, once', ({ db }) => {
  const service = () => new BreachService(db().unitOfWork, db().repositories, CATEGORY_LABELS, 'https://leerpoort.example');
  const input = (over: Partial<BreachInput> = {}): BreachInput => ({
    detectedAt: new Date(Date.now() - 3_600_000),
    summary: 'Exportbestand met namen stond op een open share',
    natures: ['copy', 'read'],
    cause: 'Verkeerde rechten op de share',
    measures: 'Share gesloten, bestand verwijderd',
    schools: ['11AA 40', '22BB:3'],
    affectedKinds: ['pupils'],
    dataCategories: ['lastName', 'firstName'],
    accessDataAffected: false,
    ...over,
  });

  async function seed() {
    await truncateAll(db());
    const repos = db().repositories;
    for (const [brin, people] of [
      [
        '11AA',
        [
          ['a.delegate@a.example.nl', 'delegate'],
          ['a.teacher@a.example.nl', 'teacher'],
        ],
      ],
      [
        '22BB',
        [
          ['b.delegate@b.example.nl', 'delegate'],
          ['b.second@b.example.nl', 'delegate'],
        ],
      ],
      ['33CC', [['c.delegate@c.example.nl', 'delegate']]],
    ] as const) {
      const s = await repos.schools.insert({ brin, dependanceCode: '00', name: `School ${brin}` });
      for (const [email, role] of people)
        await repos.people.insert({ schoolId: s.id, role, firstName: 'X', lastName: 'Y', staffEmail: email });
    }
  }

  it('records the annex fields in the annex order, snapshots the schools, audits without the text', async () => {
    await seed();
    const b = await service().record(input(), ACTOR);
    expect(b.natures, 'in the annex order').to.deep.equal(['read', 'copy']);
    expect(b.dataCategories, 'in the annex order').to.deep.equal(['firstName', 'lastName']);
    expect(b.affectedSchools.map((s) => [s.brin, s.name, s.peopleCount])).to.deep.equal([
      ['11AA', 'School 11AA', 40],
      ['22BB', 'School 22BB', 3],
    ]);
    expect(b).to.include({ confirmedAt: null, notifiedAt: null, recordedBy: 'operator:officer-1' });
    const again = await db().repositories.breaches.findById(b.id);
    expect(again).to.deep.equal(b);
    const [audit] = await db().repositories.audit.list({ action: 'breach.record' });
    expect(audit).to.deep.include({ targetId: b.id, outcome: 'success' });
    expect(audit!.details).to.deep.include({ schools: 2, people: 43, accessDataAffected: false });
    expect(JSON.stringify(audit)).not.to.contain('open share');
  });

  it('refuses bad input with a specific reason, stores nothing, and audits the refusal', async () => {
    await seed();
    const cases: Array<[Partial<BreachInput>, string]> = [
      [{ natures: [] }, 'choose the nature'],
      [{ natures: ['leak'] }, "unknown nature 'leak'"],
      [{ schools: ['99ZZ 4'] }, "unknown school '99ZZ'"],
      [{ schools: ['11AA 4', '11aa:5'] }, 'listed twice'],
      [{ schools: ['11AA'] }, 'is not "BRIN count"'],
      [{ schools: ['11AA 0'] }, 'whole number from 1'],
      [{ schools: [] }, 'at least one affected school'],
      [{ dataCategories: ['shoeSize'] }, "unknown data category 'shoeSize'"],
      [{ dataCategories: [], accessDataAffected: false }, 'choose which data are affected'],
      [{ affectedKinds: [] }, 'choose who is affected'],
      [{ summary: '  ' }, 'the summary is missing'],
      [{ detectedAt: new Date(Number.NaN) }, 'enter when the breach was detected'],
      [{ detectedAt: new Date(Date.now() + 3_600_000) }, 'in the future'],
    ];
    for (const [over, reason] of cases) {
      const e = await rejects(service().record(input(over), ACTOR));
      expect(e, reason).to.be.instanceOf(ValidationError);
      expect((e as ValidationError).publicMessage, reason).to.contain(reason);
    }
    expect(await db().repositories.breaches.list(10)).to.deep.equal([]);
    const refused = await db().repositories.audit.list({ action: 'breach.record' });
    expect(refused).to.have.length(cases.length);
    expect(refused.every((e) => e.outcome === 'failure' && e.actor.id === 'officer-1')).to.equal(true);
    // Access data alone is enough data to record.
    expect((await service().record(input({ dataCategories: [], accessDataAffected: true }), ACTOR)).accessDataAffected).to.equal(true);
  });

  it('notifies only after confirmation; confirming starts the clock once, even when two confirm at once', async () => {
    await seed();
    const b = await service().record(input(), ACTOR);
    expect(await rejects(service().notify(b.id, ACTOR))).to.be.instanceOf(ConflictError);
    expect(await db().repositories.outbox.list()).to.deep.equal([]);
    const results = await Promise.allSettled([service().confirm(b.id, ACTOR), service().confirm(b.id, ACTOR)]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(ConflictError);
    expect((await db().repositories.audit.list({ action: 'breach.confirm' })).map((e) => e.outcome).sort()).to.deep.equal([
      'failure',
      'success',
    ]);
    const [early] = await db().repositories.audit.list({ action: 'breach.notify' });
    expect(early).to.deep.include({ outcome: 'failure', targetId: b.id });
    expect(String(early!.details?.reason)).to.contain('confirm the breach first');
    expect(await rejects(service().confirm('00000000-0000-4000-8000-000000000000', ACTOR))).to.be.instanceOf(NotFoundError);
    expect(await rejects(service().confirm('nonsense', ACTOR))).to.be.instanceOf(NotFoundError);
  });

  it('mails the active delegates of the affected schools only, each its own school, once even when two notify at once', async () => {
    await seed();
    const b = await service().record(input(), ACTOR);
    await service().confirm(b.id, ACTOR);
    const results = await Promise.allSettled([service().notify(b.id, ACTOR), service().notify(b.id, ACTOR)]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    const done = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ notified: number; late: boolean }>).value;
    expect(done).to.include({ notified: 3, late: false });
    const mails = await db().repositories.outbox.list();
    expect(mails.map((m) => m.to).sort()).to.deep.equal(['a.delegate@a.example.nl', 'b.delegate@b.example.nl', 'b.second@b.example.nl']);
    const toA = mails.find((m) => m.to === 'a.delegate@a.example.nl')!;
    expect(toA.subject).to.equal('Leerpoort: melding datalek / data breach notification (11AA)');
    expect(toA.body).to.contain('Aantal getroffen personen van uw school: 40').and.to.contain('People of your school affected: 40');
    expect(toA.body).not.to.contain('22BB');
    const stored = (await db().repositories.breaches.findById(b.id))!;
    expect(stored).to.include({ delegatesNotified: 3, notifiedBy: 'operator:officer-1' });
    expect((await db().repositories.audit.list({ action: 'breach.notify' })).filter((e) => e.outcome === 'success')).to.have.length(1);
  });

  it('a notification after the 24 hours is sent, and marked late in the audit', async () => {
    await seed();
    const confirmedAt = new Date(Date.now() - 25 * 3_600_000);
    const b = await service().record(input({ detectedAt: new Date(Date.now() - 30 * 3_600_000) }), ACTOR);
    await service().confirm(b.id, ACTOR, confirmedAt);
    const { late, notified } = await service().notify(b.id, ACTOR);
    expect({ late, notified }).to.deep.equal({ late: true, notified: 3 });
    const [audit] = (await db().repositories.audit.list({ action: 'breach.notify' })).filter((e) => e.outcome === 'success');
    expect(audit!.details).to.deep.include({ late: true });
  });
});
