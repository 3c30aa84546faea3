import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, describeConfig, loadConfig } from '../../src/config';

describe('config: loadConfig', () => {
  it('gives development defaults on an empty environment', () => {
    const c = loadConfig({}, '/srv/hub');
    expect(c.port).to.equal(3000);
    expect(c.baseUrl).to.equal('http://localhost:3000');
    expect(c.idpEntityId).to.equal('http://localhost:3000/saml/metadata');
    expect(c.databaseUrl).to.equal(undefined);
    expect(c.dataDir).to.equal(path.join('/srv/hub', 'data'));
    expect(c.certsDir).to.equal(path.join('/srv/hub', 'certs'));
    expect(c.isProduction).to.equal(false);
  });

  it('derives BASE_URL from PORT and strips a trailing slash from an explicit one', () => {
    expect(loadConfig({ PORT: '8080' }).baseUrl).to.equal('http://localhost:8080');
    expect(loadConfig({ BASE_URL: 'https://leerpoort.example.nl/' }).idpEntityId).to.equal('https://leerpoort.example.nl/saml/metadata');
  });

  it('database pool: a bounded wait and a statement timeout by default, each configurable (0 turns the timeout off)', () => {
    expect(loadConfig({}).databasePool).to.deep.equal({ size: 10, waitMs: 5000, statementTimeoutMs: 15000 });
    const c = loadConfig({ DATABASE_POOL_SIZE: '4', DATABASE_POOL_WAIT_SECONDS: '2', DATABASE_STATEMENT_TIMEOUT_SECONDS: '30' });
    expect(c.databasePool).to.deep.equal({ size: 4, waitMs: 2000, statementTimeoutMs: 30000 });
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_SECONDS: '0' }).databasePool.statementTimeoutMs).to.equal(null);
    for (const [name, value] of [
      ['DATABASE_POOL_SIZE', '0'],
      ['DATABASE_POOL_WAIT_SECONDS', '0'],
      ['DATABASE_POOL_WAIT_SECONDS', 'soon'],
      ['DATABASE_STATEMENT_TIMEOUT_SECONDS', '-1'],
    ] as const)
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).to.throw(ConfigError, name);
  });

  it("demo publisher: PORT+1 on the hub's host by default, DEMO_PUBLISHER_PORT overrides, never the hub's own port", () => {
    expect(loadConfig({}).demoPublisher).to.deep.equal({ port: 3001, host: 'localhost' });
    expect(loadConfig({ PORT: '8080', BASE_URL: 'http://127.0.0.1:8080' }).demoPublisher).to.deep.equal({ port: 8081, host: '127.0.0.1' });
    expect(loadConfig({ DEMO_PUBLISHER_PORT: '4000' }).demoPublisher.port).to.equal(4000);
    expect(loadConfig({ PORT: '0' }).demoPublisher.port, 'any free port beside a hub on any free port').to.equal(0);
    expect(() => loadConfig({ PORT: '3000', DEMO_PUBLISHER_PORT: '3000' })).to.throw(ConfigError, /DEMO_PUBLISHER_PORT must differ/);
    expect(() => loadConfig({ DEMO_PUBLISHER_PORT: 'soon' })).to.throw(ConfigError, /DEMO_PUBLISHER_PORT/);
  });

  it('returns a frozen object', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).to.equal(true);
    expect(() => {
      (c as { port: number }).port = 1;
    }).to.throw(TypeError);
  });

  it('reports every bad value at once', () => {
    try {
      loadConfig({ PORT: 'abc', BASE_URL: 'ftp://x', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', NODE_ENV: 'staging' });
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'BASE_URL', 'DATABASE_URL', 'SMTP_URL', 'NODE_ENV']) expect(problems).to.contain(name);
    }
  });

  it('rejects an out-of-range port', () => {
    expect(() => loadConfig({ PORT: '70000' })).to.throw(ConfigError, /PORT/);
  });

  it('in production requires SESSION_SECRET, DATA_ENCRYPTION_KEY, DATABASE_URL and an https BASE_URL, all reported together', () => {
    try {
      loadConfig({ NODE_ENV: 'production', BASE_URL: 'http://hub.example.nl' });
      expect.fail('should throw');
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).to.contain('SESSION_SECRET').and.contain('DATA_ENCRYPTION_KEY').and.contain('DATABASE_URL').and.contain('https');
    }
    const ok = loadConfig({
      NODE_ENV: 'production',
      BASE_URL: 'https://hub.example.nl',
      SESSION_SECRET: 'x'.repeat(40),
      DATA_ENCRYPTION_KEY: 'k1:' + Buffer.alloc(32).toString('base64'),
      DATABASE_URL: 'postgres://u:p@db/leerpoort',
    });
    expect(ok.isProduction).to.equal(true);
  });

  it('reads LEAVER_GRACE_DAYS (default 90) and refuses a value outside 0–365', () => {
    expect(loadConfig({}).leaverGraceDays).to.equal(90);
    expect(loadConfig({ LEAVER_GRACE_DAYS: '30' }).leaverGraceDays).to.equal(30);
    expect(() => loadConfig({ LEAVER_GRACE_DAYS: '400' })).to.throw(ConfigError, /LEAVER_GRACE_DAYS/);
  });

  it('metrics: loopback only by default; METRICS_ALLOW CIDRs or none; METRICS_TOKEN at least 32 characters; never shown', () => {
    expect(loadConfig({}).metrics).to.deep.equal({ allow: ['127.0.0.0/8', '::1/128'], token: undefined });
    expect(loadConfig({ METRICS_ALLOW: '10.0.5.0/24, 192.0.2.7' }).metrics.allow).to.deep.equal(['10.0.5.0/24', '192.0.2.7']);
    expect(loadConfig({ METRICS_ALLOW: 'none' }).metrics.allow).to.deep.equal([]);
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.5.0/99' })).to.throw(ConfigError, /METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_ALLOW: 'everyone' })).to.throw(ConfigError, /METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).to.throw(ConfigError, /METRICS_TOKEN must be at least 32/);
    const token = 't'.repeat(40);
    const described = JSON.stringify(describeConfig(loadConfig({ METRICS_TOKEN: token })));
    expect(described).not.to.contain(token);
    expect(described).to.contain('or bearer token');
  });

  it('reads RETENTION_MONTHS (default 12) and refuses 13 or more with the reason (security annex B: logs shorter than 13 months)', () => {
    expect(loadConfig({}).retentionMonths).to.equal(12);
    expect(loadConfig({ RETENTION_MONTHS: '6' }).retentionMonths).to.equal(6);
    for (const bad of ['13', '24'])
      expect(() => loadConfig({ RETENTION_MONTHS: bad }))
        .to.throw(ConfigError, /RETENTION_MONTHS must be at most 12/)
        .with.property('message')
        .that.contains('shorter than 13 months');
    expect(() => loadConfig({ RETENTION_MONTHS: '0' })).to.throw(ConfigError, /RETENTION_MONTHS must be between 1 and 12/);
    expect(() => loadConfig({ RETENTION_MONTHS: 'a year' })).to.throw(ConfigError, /RETENTION_MONTHS must be a number/);
    expect(loadConfig({}).retentionIntervalMinutes).to.equal(60);
  });

  it('reads UPSTREAM_REFRESH_INTERVAL_MINUTES (default 360) and refuses values outside 5–10080 with the reason', () => {
    expect(loadConfig({}).upstreamRefreshIntervalMinutes).to.equal(360);
    expect(loadConfig({ UPSTREAM_REFRESH_INTERVAL_MINUTES: '60' }).upstreamRefreshIntervalMinutes).to.equal(60);
    for (const bad of ['0', '4', '10081'])
      expect(() => loadConfig({ UPSTREAM_REFRESH_INTERVAL_MINUTES: bad })).to.throw(
        ConfigError,
        /UPSTREAM_REFRESH_INTERVAL_MINUTES must be 5–10080/,
      );
    expect(() => loadConfig({ UPSTREAM_REFRESH_INTERVAL_MINUTES: 'daily' })).to.throw(
      ConfigError,
      /UPSTREAM_REFRESH_INTERVAL_MINUTES must be a number/,
    );
    expect(describeConfig(loadConfig({ UPSTREAM_REFRESH_INTERVAL_MINUTES: '90' }))).to.deep.include({
      upstreamRefresh: 'school IdP metadata every 90 min',
    });
  });

  it('refuses a short SESSION_SECRET', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).to.throw(ConfigError, /SESSION_SECRET/);
  });

  it('describeConfig never shows secrets or database passwords', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://hub:s3cret-pw@db:5432/lp',
      SESSION_SECRET: 'y'.repeat(40),
      DATA_ENCRYPTION_KEY: 'k1:secretkeymaterial',
    });
    const text = JSON.stringify(describeConfig(c));
    expect(text).not.to.contain('s3cret-pw').and.not.to.contain('yyyy').and.not.to.contain('secretkeymaterial');
    expect(text).to.contain('postgres://***@db:5432/lp');
  });
});
