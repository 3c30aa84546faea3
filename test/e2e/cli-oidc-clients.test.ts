import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';
import { cliDatabase, runCli } from '../support/cli';

const P = 'Uitgeverij Oidc';
const REDIRECT = 'https://rp.uitgeverij-oidc.example/callback';

/**
 * `participant oidc-client add|list|remove|rotate-secret` and `sp preview --participant` (issue 18) with
 * the built bin on PostgreSQL: a participant onboarded with OpenID Connect only (no SAML SP) — licensed,
 * activated, previewed. The secret is printed once and stored only as argon2id; refusals exit 2 (3 for
 * unknown names) with one line and write nothing; every change is audited.
 */
describe('CLI: participant oidc-client and sp preview of an OIDC-only participant (built bin, PostgreSQL)', function () {
  let env: Record<string, string>;
  let sql: (q: string, p?: unknown[]) => Promise<Array<Record<string, unknown>>>;
  let dir: string;
  const hasher = new Argon2idPasswordHasher();
  const cli = async (args: string[]) => runCli(args, env);
  /** `participant oidc-client add --participant P …` */
  const add = (...extra: string[]) => ['participant', 'oidc-client', 'add', '--participant', P, ...extra];
  const count = async () => Number((await sql('SELECT count(*)::int AS n FROM oidc_clients'))[0]!.n);

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_oidc', 'CLI oidc-client'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-cli-oidc-'));
    for (const args of [
      ['migrate'],
      ['participant', 'add', '--name', P],
      ['school', 'add', '--brin', '12AB', '--name', 'OBS De Sterren'],
      ['product', 'add', '--participant', P, '--name', 'Lezen Online', '--launch-url', 'https://rp.uitgeverij-oidc.example/start'],
      ['licence', 'grant', '--school', '12AB', '--product', 'Lezen Online', '--all'],
      ['activation', 'set', '--school', '12AB', '--participant', P, '--on'],
    ]) {
      const r = await cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(0);
    }
  });

  let clientId = '';
  let secret = '';

  it('add --json: a client id and a secret printed once; the database holds only its argon2id hash', async () => {
    const r = await cli(
      add(
        '--redirect-uri',
        REDIRECT,
        '--redirect-uri',
        `${REDIRECT}?school=1`,
        '--redirect-uri',
        REDIRECT,
        '--post-logout-redirect-uri',
        'https://rp.uitgeverij-oidc.example/bye',
        '--backchannel-logout-uri',
        'https://rp.uitgeverij-oidc.example/backchannel',
        '--allow-refresh-tokens',
        '--json',
      ),
    );
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out).to.deep.include({
      participant: P,
      redirectUris: [REDIRECT, `${REDIRECT}?school=1`],
      postLogoutRedirectUris: ['https://rp.uitgeverij-oidc.example/bye'],
      backchannelLogoutUri: 'https://rp.uitgeverij-oidc.example/backchannel',
      tokenEndpointAuthMethod: 'client_secret_basic',
      refreshTokensAllowed: true,
      keys: 0,
    });
    expect(out.clientId).to.match(/^lp-[A-Za-z0-9_-]{24}$/);
    expect(out.clientSecret).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(out).not.to.have.property('secretHash');
    clientId = out.clientId;
    secret = out.clientSecret;
    const [row] = await sql('SELECT secret_hash, redirect_uris FROM oidc_clients WHERE client_id = $1', [clientId]);
    expect(row!.secret_hash).to.match(/^\$argon2id\$/);
    expect(await hasher.verify(row!.secret_hash as string, secret)).to.equal(true);
    expect(JSON.stringify(await sql('SELECT * FROM oidc_clients'))).not.to.contain(secret);
  });

  it('add (human): the secret with the warning to store it now; list shows the clients and never a secret or hash', async () => {
    const r = await cli(add('--redirect-uri', 'http://127.0.0.1:4010/cb', '--auth', 'client_secret_post'));
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`OIDC client added for ${P}:`).and.to.contain('client_secret_post').and.to.contain('store the secret now');
    const secretLine = /client_secret: (\S+)/.exec(r.stdout)![1]!;
    const list = await cli(['participant', 'oidc-client', 'list', '--participant', P]);
    expect(list.code).to.equal(0);
    expect(list.stdout).to.contain(clientId).and.to.contain(`redirect: ${REDIRECT}, ${REDIRECT}?school=1`).and.to.contain('refresh tokens');
    const json = await cli(['participant', 'oidc-client', 'list', '--participant', P, '--json']);
    expect(JSON.parse(json.stdout)).to.have.length(2);
    for (const text of [list.stdout, json.stdout])
      expect(text).not.to.contain(secret).and.not.to.contain(secretLine).and.not.to.contain('argon2');
  });

  it('refuses with exit 2 (3 for an unknown participant) and one line, writing nothing: http, fragment, wildcard, bad auth, a private key', async () => {
    const before = await count();
    const privateJwks = path.join(dir, 'private.jwks.json');
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(privateJwks, JSON.stringify({ keys: [privateKey.export({ format: 'jwk' })] }));
    const cases: Array<[string[], number, RegExp]> = [
      [
        add('--redirect-uri', 'http://rp.uitgeverij-oidc.example/cb'),
        2,
        /redirect URI: 'http:\/\/rp\.uitgeverij-oidc\.example\/cb' must use https/,
      ],
      [add('--redirect-uri', `${REDIRECT}#top`), 2, /must not contain a fragment/],
      [add('--redirect-uri', 'https://*.uitgeverij-oidc.example/cb'), 2, /wildcard/],
      [add('--redirect-uri', REDIRECT, '--post-logout-redirect-uri', 'http://elders.example/'), 2, /post-logout redirect URI/],
      [add('--redirect-uri', REDIRECT, '--auth', 'none'), 2, /must be one of client_secret_basic, client_secret_post, private_key_jwt/],
      [add('--redirect-uri', REDIRECT, '--auth', 'private_key_jwt'), 2, /needs the client’s public keys/],
      [add('--redirect-uri', REDIRECT, '--jwks-file', privateJwks), 2, /private key material \(d\)/],
      [add('--redirect-uri', REDIRECT, '--jwks-file', path.join(dir, 'missing.json')), 2, /cannot read/],
      [add(), 2, /required option '--redirect-uri/],
      [['participant', 'oidc-client', 'add', '--participant', 'Onbekend', '--redirect-uri', REDIRECT], 3, /unknown participant 'Onbekend'/],
    ];
    for (const [args, code, why] of cases) {
      const r = await cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(code);
      expect(r.stderr, args.join(' ')).to.match(why);
      expect(r.stderr.trim().split('\n'), 'one line').to.have.length(1);
    }
    const json = await cli([...add('--redirect-uri', 'http://rp.example/cb'), '--json']);
    expect(JSON.parse(json.stdout)).to.deep.include({ error: 'validation' });
    expect(await count()).to.equal(before);
  });

  it('private_key_jwt from a JWKS file of public keys: no secret printed, no secret to rotate', async () => {
    const file = path.join(dir, 'public.jwks.json');
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.writeFileSync(file, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'rp-2026', use: 'sig' }] }));
    const r = await cli(add('--redirect-uri', REDIRECT, '--jwks-file', file, '--json'));
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out).to.deep.include({ tokenEndpointAuthMethod: 'private_key_jwt', keys: 1, clientSecret: null, refreshTokensAllowed: false });
    const [row] = await sql('SELECT secret_hash, jwks FROM oidc_clients WHERE client_id = $1', [out.clientId]);
    expect(row!.secret_hash).to.equal(null);
    expect((row!.jwks as { keys: Array<{ kid: string; d?: string }> }).keys[0]).to.deep.include({ kid: 'rp-2026' });
    const rotate = await cli(['participant', 'oidc-client', 'rotate-secret', '--client-id', out.clientId]);
    expect(rotate.code).to.equal(2);
    expect(rotate.stderr).to.contain('private_key_jwt and has no secret');
  });

  it('rotate-secret: a new secret once, the old one stops working; unknown id exits 3', async () => {
    const r = await cli(['participant', 'oidc-client', 'rotate-secret', '--client-id', clientId, '--json']);
    expect(r.code, r.stderr).to.equal(0);
    const { clientSecret } = JSON.parse(r.stdout);
    expect(clientSecret)
      .to.match(/^[A-Za-z0-9_-]{43}$/)
      .and.not.to.equal(secret);
    const [row] = await sql('SELECT secret_hash FROM oidc_clients WHERE client_id = $1', [clientId]);
    expect(await hasher.verify(row!.secret_hash as string, secret)).to.equal(false);
    expect(await hasher.verify(row!.secret_hash as string, clientSecret)).to.equal(true);
    expect((await cli(['participant', 'oidc-client', 'rotate-secret', '--client-id', 'lp-nobodynobodynobodynobod'])).code).to.equal(3);
  });

  it('sp preview --participant: an OIDC-only participant shows where data goes ("OpenID Connect", redirect hosts) and what at most', async () => {
    const r = await cli(['sp', 'preview', '--participant', P, '--school', '12AB', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    const preview = JSON.parse(r.stdout);
    expect(preview).to.deep.include({ participant: P, school: '12AB', activated: true, blockedBy: null, sps: [] });
    expect(preview.oidc.protocol).to.equal('OpenID Connect');
    const client = preview.oidc.clients.find((c: { clientId: string }) => c.clientId === clientId);
    expect(client.redirectHosts).to.deep.equal(['rp.uitgeverij-oidc.example']);
    const pupil = preview.oidc.roles.find((x: { role: string }) => x.role === 'pupil').categories as string[];
    expect(pupil).to.include.members(['firstName', 'lastName', 'groupName', 'pseudonym']);
    expect(pupil, 'no recorded need: no birth date, gender or LAS key').not.to.include.members(['birthDate']);
    expect(pupil).not.to.include('gender').and.not.to.include('pupilKey');
    const human = await cli(['sp', 'preview', '--participant', P, '--school', '12AB']);
    expect(human.stdout).to.contain('data transfer ON').and.to.contain('OpenID Connect:').and.to.contain('rp.uitgeverij-oidc.example');

    expect((await cli(['activation', 'set', '--school', '12AB', '--participant', P, '--off'])).code).to.equal(0);
    const off = JSON.parse((await cli(['sp', 'preview', '--participant', P, '--school', '12AB', '--json'])).stdout);
    expect(off.blockedBy).to.equal('not_activated');
    expect(off.oidc.roles.every((x: { categories: string[] }) => x.categories.length === 0)).to.equal(true);
    expect((await cli(['activation', 'set', '--school', '12AB', '--participant', P, '--on'])).code).to.equal(0);

    expect((await cli(['sp', 'preview', '--school', '12AB'])).code, 'neither --sp nor --participant').to.equal(2);
    expect((await cli(['sp', 'preview', '--sp', 'https://x.example', '--participant', P, '--school', '12AB'])).code).to.equal(2);
  });

  it('remove: gone, a second time exits 3; add, rotate and remove are audited with who did it and no secret', async () => {
    const r = await cli(['participant', 'oidc-client', 'remove', '--client-id', clientId]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`OIDC client removed: ${clientId}`);
    expect(await sql('SELECT 1 FROM oidc_clients WHERE client_id = $1', [clientId])).to.deep.equal([]);
    const again = await cli(['participant', 'oidc-client', 'remove', '--client-id', clientId]);
    expect(again.code).to.equal(3);
    expect(again.stderr).to.contain(`unknown OIDC client '${clientId}'`);
    const events = await sql('SELECT action, actor_type FROM audit_events WHERE target_id = $1 ORDER BY id', [clientId]);
    expect(events.map((e) => e.action)).to.deep.equal(['oidc_client.add', 'oidc_client.rotate_secret', 'oidc_client.remove']);
    expect(events.every((e) => e.actor_type === 'cli')).to.equal(true);
    const audit = JSON.stringify(await sql("SELECT * FROM audit_events WHERE action LIKE 'oidc_client.%'"));
    expect(audit).not.to.contain(secret).and.not.to.contain('argon2id');
  });
});
