import { expect } from 'chai';
import type { Repositories } from '../../src/domain/ports';
import { describeEachBackend, truncateAll } from '../support/postgres';

const later = () => new Date(Date.now() + 60_000);
const earlier = () => new Date(Date.now() - 1_000);

/** The OpenID Connect provider's store: one contract, PGlite and PostgreSQL alike (issue 18). */
describeEachBackend('OIDC payload repository', ({ db }) => {
  let repos: Repositories;
  beforeEach(async () => {
    await truncateAll(db());
    repos = db().repositories;
  });

  it('stores, replaces and finds records by kind and id, uid and user code; expired ones are gone', async () => {
    const s = repos.oidcPayloads;
    await s.upsert('Session', 's1', { uid: 'u1', accountId: 'p1', authorizations: {} }, later());
    await s.upsert('Session', 's1', { uid: 'u1', accountId: 'p1', authorizations: { c: { sid: 'x' } } }, later());
    expect((await s.find('Session', 's1', new Date()))?.payload).to.deep.equal({
      uid: 'u1',
      accountId: 'p1',
      authorizations: { c: { sid: 'x' } },
    });
    expect(await s.find('Grant', 's1', new Date()), 'another kind').to.equal(null);
    expect((await s.findByUid('Session', 'u1', new Date()))?.payload.accountId).to.equal('p1');
    await s.upsert('DeviceCode', 'd1', { userCode: 'ABCD' }, later());
    expect(await s.findByUserCode('DeviceCode', 'ABCD', new Date())).not.to.equal(null);
    await s.upsert('AccessToken', 'old', { grantId: 'g' }, earlier());
    expect(await s.find('AccessToken', 'old', new Date())).to.equal(null);
    await s.destroy('Session', 's1');
    expect(await s.find('Session', 's1', new Date())).to.equal(null);
  });

  it('consumes a code exactly once, also under parallel calls', async () => {
    await repos.oidcPayloads.upsert('AuthorizationCode', 'c1', { grantId: 'g1' }, later());
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => db().repositories.oidcPayloads.consume('AuthorizationCode', 'c1', new Date())),
    );
    expect(results.filter(Boolean)).to.have.length(1);
    expect((await repos.oidcPayloads.find('AuthorizationCode', 'c1', new Date()))?.consumedAt).to.be.instanceOf(Date);
  });

  it('revokes one kind of a grant, or the whole grant, and ends everything of one person', async () => {
    const s = repos.oidcPayloads;
    await s.upsert('Grant', 'g1', { accountId: 'p1', clientId: 'c' }, later());
    await s.upsert('AccessToken', 'a1', { grantId: 'g1', accountId: 'p1' }, later());
    await s.upsert('RefreshToken', 'r1', { grantId: 'g1', accountId: 'p1' }, later());
    expect(await s.revokeByGrantId('g1', 'AccessToken')).to.equal(1);
    expect(await s.find('RefreshToken', 'r1', new Date())).not.to.equal(null);
    expect(await s.revokeByGrantId('g1')).to.equal(2);
    expect(await s.find('Grant', 'g1', new Date())).to.equal(null);

    await s.upsert('Session', 's1', { uid: 'u1', accountId: 'p1' }, later());
    await s.upsert('Session', 's2', { uid: 'u2', accountId: 'p2' }, later());
    await s.upsert('Grant', 'g2', { accountId: 'p1' }, later());
    await s.upsert('AccessToken', 'a2', { grantId: 'g2' }, later());
    expect((await s.listForAccount('Session', 'p1', new Date())).map((p) => p.uid)).to.deep.equal(['u1']);
    expect(await s.destroyForAccount('p1')).to.equal(3);
    expect(await s.find('Session', 's2', new Date()), "another person's session stays").not.to.equal(null);
  });
});
