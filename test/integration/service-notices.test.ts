import { expect } from 'chai';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { schoolYearStart } from '../../src/domain/notices/notice-period';
import { ServiceNoticeService } from '../../src/domain/notices/service-notice.service';
import { rejects } from '../support/assert';
import { describeEachBackend, truncateAll } from '../support/postgres';

const ACTOR = { type: 'cli' as const, id: 'test' };

/** Three-month notices (agreement art. 6 and 11) and the supported browsers, on PGlite and PostgreSQL. */
describeEachBackend('service notices: end of the service, browser support (art. 6, 11)', ({ db }) => {
  const service = () => new ServiceNoticeService(db().unitOfWork, db().repositories, 'https://leerpoort.example');

  beforeEach(async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const a = await repos.schools.insert({ brin: '11AA', dependanceCode: '00', name: 'A' });
    const c = await repos.schools.insert({ brin: '33CC', dependanceCode: '00', name: 'C' });
    await db().dataSource.query("UPDATE schools SET status = 'terminated' WHERE id = $1", [c.id]);
    await repos.people.insert({ schoolId: a.id, role: 'delegate', firstName: 'D', lastName: 'A', staffEmail: 'ict@a.example.nl' });
    await repos.people.insert({ schoolId: c.id, role: 'delegate', firstName: 'D', lastName: 'C', staffEmail: 'ict@c.example.nl' });
  });

  it('announces the end of the service at the start of a school year only three months ahead; once; mailed; audited; withdrawable', async () => {
    const start = schoolYearStart(2027);
    const late = await rejects(service().announceServiceEnd(2027, ACTOR, new Date('2027-05-01T10:00:00Z')));
    expect(late).to.be.instanceOf(ValidationError);
    expect((late as ValidationError).publicMessage).to.contain('at least three months ahead');
    expect(await db().repositories.notices.listInForce(), 'a refusal stores nothing').to.deep.equal([]);
    expect(await db().repositories.outbox.list()).to.deep.equal([]);

    const { notice, notified } = await service().announceServiceEnd(2027, ACTOR, new Date('2027-04-30T21:59:00Z'));
    expect(notice.effectiveAt.toISOString()).to.equal(start.toISOString());
    expect(notified).to.equal(1);
    const [mail] = await db().repositories.outbox.list();
    expect(mail).to.deep.include({ to: 'ict@a.example.nl' });
    expect(mail!.body).to.contain('schooljaar 2027–2028').and.contain('school year 2027–2028').and.contain('/status');
    expect(await rejects(service().announceServiceEnd(2028, ACTOR, new Date('2027-04-30T22:00:00Z')))).to.be.instanceOf(ConflictError);
    expect((await service().status(new Date('2027-05-02T00:00:00Z'))).serviceEnd?.id).to.equal(notice.id);
    expect(await db().repositories.audit.list({ action: 'service.end_announce' })).to.have.length(1);

    await service().cancel(notice.id, ACTOR, new Date('2027-05-02T00:00:00Z'));
    expect((await service().status()).serviceEnd).to.equal(null);
    expect(await rejects(service().cancel(notice.id, ACTOR, new Date('2027-05-02T00:00:00Z')))).to.be.instanceOf(ConflictError);
  });

  it('publishes browsers; ends support three months ahead at the earliest; a withdrawn browser leaves the list when support ends', async () => {
    await service().addBrowser('Firefox', '115', ACTOR);
    await service().addBrowser('Safari', '16', ACTOR);
    await service().addBrowser('Firefox', '128', ACTOR);
    expect(await rejects(service().addBrowser('<script>', '1', ACTOR))).to.be.instanceOf(ValidationError);
    const now = new Date('2026-12-01T10:00:00Z');
    const short = await rejects(service().withdrawBrowser('Safari', new Date('2027-02-28T23:00:00Z'), ACTOR, now));
    expect(short).to.be.instanceOf(ValidationError);
    expect(await rejects(service().withdrawBrowser('Netscape', new Date('2027-06-01T00:00:00Z'), ACTOR, now))).to.be.instanceOf(
      NotFoundError,
    );
    const ends = new Date('2027-03-01T10:00:00Z');
    const { notified } = await service().withdrawBrowser('Safari', ends, ACTOR, now);
    expect(notified).to.equal(1);
    expect(await rejects(service().withdrawBrowser('Safari', new Date('2027-06-01T00:00:00Z'), ACTOR, now))).to.be.instanceOf(
      ConflictError,
    );
    const before = await service().status(now);
    expect(before.browsers).to.deep.equal([
      { name: 'Firefox', minimumVersion: '128', supportEndsAt: null },
      { name: 'Safari', minimumVersion: '16', supportEndsAt: ends },
    ]);
    expect((await service().status(ends)).browsers.map((b) => b.name)).to.deep.equal(['Firefox']);
    expect((await db().repositories.outbox.list())[0]!.subject).to.contain('Safari');
  });
});
