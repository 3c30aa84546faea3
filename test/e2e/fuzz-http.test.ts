import { expect } from 'chai';
import fc from 'fast-check';
import { fuzzKeys, spMetadataXml } from '../../scripts/fuzz/environment';
import {
  authnRequestCases,
  logoutRequestCases,
  logoutResponseCases,
  type SamlCase,
  type SamlFuzzEnv,
} from '../../scripts/fuzz/saml-arbitraries';
import { ACTOR, registerSp } from '../support/federation';
import { FUZZ_SEED } from '../support/fuzz';
import { startTestHub, type TestHub } from '../support/hub';

/** A fuzz case's form body as a browser would post it: repeated fields for arrays, strings for the rest. */
function form(body: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, String(value));
  return params;
}

/**
 * The fuzz arbitraries sent over real HTTP to a real hub (PostgreSQL): the whole edge — body parsing,
 * the routes, the refusal pages and their audit entries — must answer every one without a 5xx.
 */
describe('fuzzing /saml/sso and /saml/slo over HTTP: no 5xx', function () {
  this.timeout(120_000);
  let t: TestHub;
  let env: SamlFuzzEnv;

  before(async function () {
    t = await startTestHub(this, 'fuzz_http');
    const keys = await fuzzKeys();
    env = {
      now: new Date(),
      ssoUrl: `${t.baseUrl}/saml/sso`,
      sloUrl: `${t.baseUrl}/saml/slo`,
      optionalSp: 'https://sp.fuzz.example/optional',
      signedSp: 'https://sp.fuzz.example/signed',
      acsUrl: 'http://127.0.0.1:9/fuzz/acs',
      key: keys.key,
      stranger: keys.stranger,
    };
    await t.hub.services.participants.add({ name: 'Fuzz' }, ACTOR);
    await registerSp(t.hub, 'Fuzz', spMetadataXml(env.optionalSp, keys.key.certificatePem, false));
    await registerSp(t.hub, 'Fuzz', spMetadataXml(env.signedSp, keys.key.certificatePem, true));
  });
  after(async () => t?.stop());

  async function send(url: string, c: SamlCase): Promise<number> {
    const res =
      c.binding === 'redirect'
        ? await fetch(`${url}?${c.query}`, { redirect: 'manual' })
        : await fetch(url, {
            method: 'POST',
            body: form(c.body),
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
    await res.arrayBuffer();
    return res.status;
  }

  async function expectNo5xx(
    url: () => string,
    cases: fc.Arbitrary<SamlCase>,
    numRuns: number,
    seed: number,
  ): Promise<Map<number, number>> {
    const statuses = new Map<number, number>();
    for (const c of fc.sample(cases, { seed, numRuns })) {
      const status = await send(url(), c);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(status, `answer to ${JSON.stringify(c).slice(0, 2000)}`).to.be.below(500);
    }
    return statuses;
  }

  it('AuthnRequests over Redirect and POST: 200 of each', async () => {
    const redirect = await expectNo5xx(() => env.ssoUrl, authnRequestCases(env, 'redirect'), 200, FUZZ_SEED);
    const post = await expectNo5xx(() => env.ssoUrl, authnRequestCases(env, 'post'), 200, FUZZ_SEED + 1);
    // Some were accepted (a login is asked: 303), most refused with the HTML page (400).
    expect(redirect.get(303), 'accepted over Redirect').to.be.above(0);
    expect(post.get(303), 'accepted over POST').to.be.above(0);
    expect(redirect.get(400)).to.be.above(100);
  });

  it('LogoutRequests and LogoutResponses over both bindings: 150 of each', async () => {
    const requests = await expectNo5xx(() => env.sloUrl, logoutRequestCases(env), 150, FUZZ_SEED + 2);
    await expectNo5xx(() => env.sloUrl, logoutResponseCases(env), 150, FUZZ_SEED + 3);
    // Accepted LogoutRequests for nobody's session are answered to the SP (UnknownPrincipal).
    expect((requests.get(303) ?? 0) + (requests.get(200) ?? 0), 'answered to the SP').to.be.above(0);
  });

  it('regression: a repeated NUL query key is a 400 page (its audited reason made the insert fail: 500)', async () => {
    for (const url of [env.ssoUrl, env.sloUrl]) {
      const res = await fetch(`${url}?SAMLRequest=x&%00=1&%00=2`, { redirect: 'manual' });
      expect(res.status, url).to.equal(400);
      expect(await res.text()).to.contain('appears more than once');
    }
  });

  it('regression: an Issuer &#0; over POST is a 400 page (the SP lookup failed in PostgreSQL: 500)', async () => {
    const xml =
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_nul" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${env.ssoUrl}">` +
      '<saml:Issuer>https://sp.fuzz.example/optional&#0;</saml:Issuer></samlp:AuthnRequest>';
    expect(await send(env.ssoUrl, { binding: 'post', body: { SAMLRequest: Buffer.from(xml).toString('base64') } })).to.equal(400);
  });
});
