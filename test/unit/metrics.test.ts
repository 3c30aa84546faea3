import { expect } from 'chai';
import type { Request } from 'express';
import { HubMetrics, routeGroup } from '../../src/web/metrics';
import { metricsAccess } from '../../src/web/metrics-routes';

/** The pieces of /metrics that need no server: route groups, who may read it, what an audit event counts. */
describe('metrics', () => {
  it('route groups come from a fixed list: a client cannot add a label value', () => {
    const table: Array<[string, string]> = [
      ['/saml/sso', 'saml_sso'],
      ['/saml/slo', 'saml_slo'],
      ['/saml/metadata', 'saml_metadata'],
      ['/oidc/token', 'oidc'],
      ['/oidc', 'other'],
      ['/login', 'login'],
      ['/logout', 'login'],
      ['/login/pictures/abc/pupils/def', 'login_pictures'],
      ['/login/2fa/setup', 'login_2fa'],
      ['/loginx', 'other'],
      ['/ops/breaches/1', 'ops'],
      ['/api/v1/schools', 'api'],
      ['/status.json', 'status'],
      ['/metrics', 'health'],
      ['/<script>', 'other'],
      ['/anything/else', 'other'],
    ];
    for (const [path, group] of table) expect(routeGroup(path), path).to.equal(group);
  });

  const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, get: (h: string) => headers[h.toLowerCase()] }) as unknown as Request;

  it('access: a direct connection from an allowed CIDR (IPv4, IPv6, IPv4-mapped), never through a proxy header', () => {
    const allowed = metricsAccess({ allow: ['127.0.0.0/8', '::1/128', '10.0.5.0/24'], token: undefined });
    expect(allowed(request('127.0.0.1'))).to.equal(true);
    expect(allowed(request('::ffff:127.0.0.1'))).to.equal(true);
    expect(allowed(request('::1'))).to.equal(true);
    expect(allowed(request('10.0.5.77'))).to.equal(true);
    expect(allowed(request('10.0.6.1'))).to.equal(false);
    expect(allowed(request('203.0.113.9'))).to.equal(false);
    expect(allowed(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).to.equal(false);
    expect(allowed(request('127.0.0.1', { forwarded: 'for=203.0.113.9' }))).to.equal(false);
    expect(metricsAccess({ allow: [], token: undefined })(request('127.0.0.1'))).to.equal(false);
  });

  it('access: the bearer token opens it from anywhere; a wrong or missing token does not', () => {
    const token = 'x'.repeat(40);
    const allowed = metricsAccess({ allow: [], token });
    expect(allowed(request('203.0.113.9', { authorization: `Bearer ${token}`, 'x-forwarded-for': '1.2.3.4' }))).to.equal(true);
    expect(allowed(request('203.0.113.9', { authorization: `Bearer ${token}y` }))).to.equal(false);
    expect(allowed(request('203.0.113.9', { authorization: token }))).to.equal(false);
    expect(allowed(request('203.0.113.9'))).to.equal(false);
  });

  it('counts audit events by method, SP and reason; a claimed issuer or an odd reason never becomes a label', async () => {
    const m = new HubMetrics();
    const actor = { type: 'person' as const, id: 'p1' };
    m.observeAudit({ actor, action: 'login.password', outcome: 'success' });
    m.observeAudit({ actor, action: 'login.password', outcome: 'failure', details: { reason: 'throttled' } });
    m.observeAudit({ actor, action: 'login.picture', outcome: 'failure', details: { reason: 'Fenna de Vries' } });
    m.observeAudit({ actor, action: 'saml.sso.success', outcome: 'success', details: { spEntityId: 'https://sp.example' } });
    m.observeAudit({ actor, action: 'oidc.sso.refused', outcome: 'failure', details: { clientId: 'lp-client', reason: 'not_activated' } });
    m.observeAudit({ actor, action: 'saml.authn_request.refused', outcome: 'failure', details: { issuer: 'https://evil.example' } });
    const text = await m.registry.metrics();
    expect(text).to.contain('leerpoort_logins_total{method="password",outcome="success",reason=""} 1');
    expect(text).to.contain('leerpoort_logins_total{method="password",outcome="failure",reason="throttled"} 1');
    expect(text).to.contain('leerpoort_logins_total{method="picture",outcome="failure",reason="other"} 1');
    expect(text).to.contain('leerpoort_throttled_total{action="login.password"} 1');
    expect(text).to.contain('leerpoort_sso_total{sp="https://sp.example",outcome="success",reason=""} 1');
    expect(text).to.contain('leerpoort_sso_total{sp="unknown",outcome="failure",reason="other"} 1');
    expect(text).to.contain('leerpoort_sso_total{sp="lp-client",outcome="failure",reason="not_activated"} 1');
    expect(text).not.to.contain('evil.example').and.not.to.contain('Fenna');
  });
});
