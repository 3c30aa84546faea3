import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { categoriesForScope, OIDC_CLAIMS, OIDC_SCOPES, oidcClaims, providerClaimsConfig } from '../../src/oidc/claims';
import { CATEGORIES } from '../../src/release/categories';

const GUIDE = path.resolve(__dirname, '../../../docs/oidc.md');

describe('OIDC scopes → annex categories → claims (src/oidc/claims.ts)', () => {
  it('docs/oidc.md lists exactly the table of the code', () => {
    const rows = fs
      .readFileSync(GUIDE, 'utf8')
      .split('\n')
      .map((l) => /^\| `([a-z_]+)` \| ([A-Za-z]+) \| `([a-z_]+)` \|/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(rows).to.deep.equal(OIDC_SCOPES.flatMap((s) => s.claims.map((c) => `${s.scope} ${c.category} ${c.claim}`)));
  });

  it('maps every claim to a category of the annex, each claim once', () => {
    for (const c of OIDC_CLAIMS) expect(CATEGORIES).to.include(c.category);
    expect(new Set(OIDC_CLAIMS.map((c) => c.claim)).size).to.equal(OIDC_CLAIMS.length);
    expect(providerClaimsConfig().openid).to.deep.equal(['sub']);
  });

  it('asks for nothing with an unknown scope, and the names only with profile', () => {
    expect([...categoriesForScope('openid made_up')]).to.deep.equal([]);
    expect([...categoriesForScope('openid profile')]).to.deep.equal(['firstName', 'infix', 'lastName']);
  });

  it('writes only released categories, of the scopes asked, in the OIDC shapes', () => {
    const released = { firstName: ['Fenna'], infix: ['ter'], groupName: ['Groep 5a', 'Plusklas'], gender: ['X'], brin: ['12AB'] };
    expect(oidcClaims('openid profile groups gender', released)).to.deep.equal({
      claims: { given_name: 'Fenna', infix: 'ter', groups: ['Groep 5a', 'Plusklas'] },
      categories: ['firstName', 'infix', 'groupName'],
    });
    expect(oidcClaims('openid gender', { gender: ['V'] }).claims).to.deep.equal({ gender: 'female' });
  });
});
