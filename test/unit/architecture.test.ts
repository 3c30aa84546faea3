import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

/** The dependency rules of DESIGN.md §2, checked on the source tree — by package name and by relative path. */
const root = path.resolve(__dirname, '../../..');
const srcDir = path.join(root, 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sources(full) : d.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier of a file: `import … from`, `export … from`, `import('…')` and `require('…')`. */
const specifiers = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*|require\(\s*)'([^']+)'/g)].map((m) => m[1]!);

/**
 * The layer a file belongs to: its first folder under src/ (or `main`, `logger` for the top-level files), else
 * `migrations`. The demo publisher is a layer of its own: an outside party that only lives in this repository.
 */
function layerOf(file: string): string {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..')) return path.relative(root, file).split(path.sep)[0]!;
  const parts = rel.split(path.sep);
  if (parts[0] === 'demo' && parts[1] === 'publisher') return 'demo/publisher';
  return parts[0]!.replace(/\.ts$/, '');
}

/** The layer a relative import points into, resolved from the importing file. */
const targetLayer = (from: string, specifier: string) => layerOf(path.resolve(path.dirname(from), specifier));

/**
 * Which layers each layer may import (one way: web/api/cli/jobs → saml/release/import → domain ←
 * persistence). Only main.ts (the composition root) and the CLI entry wire concrete pieces together.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  config: [],
  logger: ['config'],
  crypto: ['domain', 'config'],
  net: ['domain'],
  release: ['domain'],
  import: ['domain'],
  saml: ['domain', 'release', 'crypto', 'logger'],
  // OpenID Connect beside SAML: the protocol (oidc-provider) over the same licence gate and release pipeline.
  oidc: ['domain', 'release', 'crypto', 'logger'],
  persistence: ['domain', 'crypto', 'migrations', 'logger'],
  jobs: ['domain', 'logger'],
  api: ['domain', 'release', 'saml', 'crypto'],
  web: ['domain', 'saml', 'oidc', 'release', 'import', 'crypto', 'logger'],
  // The seed onboards the demo publisher as an operator would: metadata fetched (net), checked (saml).
  demo: ['domain', 'main', 'net', 'saml'],
  // The demo publisher is an independent SAML consumer: it knows the hub only over HTTP (metadata, SSO, SLO).
  'demo/publisher': [],
  // The CLI is an entry point like main.ts (it opens the hub); it renders login cards with the web's templates.
  cli: ['domain', 'saml', 'import', 'crypto', 'config', 'logger', 'net', 'demo', 'demo/publisher', 'main', 'web', 'cluster'],
  cluster: ['logger'],
  main: ['*'],
};

/** Packages only some layers may use. */
const PACKAGE_HOMES: Array<{ pattern: RegExp; layers: readonly string[]; why: string }> = [
  { pattern: /^(xml-crypto|xml-encryption|@xmldom\/)/, layers: ['saml'], why: 'SAML and XML signatures live in saml/' },
  // samlify is the outside implementation the demo publisher uses; the hub's own SAML never leans on it.
  { pattern: /^(samlify|@authenio\/)/, layers: ['demo/publisher'], why: 'samlify is the demo publisher’s SAML library, not the hub’s' },
  {
    pattern: /^(typeorm|pg|pg-copy-streams|@electric-sql\/)/,
    layers: ['persistence', 'main', 'cli'],
    why: 'the database lives in persistence/',
  },
  {
    pattern: /^(express|express-session|helmet|passport|passport-local|multer)$/,
    layers: ['web', 'api', 'main', 'demo/publisher'],
    why: 'HTTP lives in web/ and api/ (and the demo publisher is its own web app)',
  },
  { pattern: /^nunjucks$/, layers: ['web'], why: 'pages are rendered in web/' },
  { pattern: /^oidc-provider$/, layers: ['oidc'], why: 'the OpenID Connect protocol lives in oidc/' },
];

describe('architecture', () => {
  const src = sources(srcDir);

  it('only src/config reads process.env', () => {
    const readers = src.filter((f) => layerOf(f) !== 'config' && /process\.env/.test(fs.readFileSync(f, 'utf8')));
    expect(readers.map((f) => path.relative(root, f))).to.deep.equal([]);
  });

  it('every import, by relative path, points only where its layer may depend (one-way layers)', () => {
    const layers = new Set(src.map(layerOf));
    expect(
      [...layers].filter((l) => !(l in MAY_IMPORT)),
      'every layer has a rule',
    ).to.deep.equal([]);
    const offenders = src.flatMap((f) => {
      const from = layerOf(f);
      const allowed = MAY_IMPORT[from] ?? [];
      return specifiers(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => ({ s, to: targetLayer(f, s) }))
        .filter(({ to }) => to !== from && !allowed.includes('*') && !allowed.includes(to))
        .map(({ s, to }) => `${path.relative(root, f)} (${from}) → ${s} (${to})`);
    });
    expect(offenders).to.deep.equal([]);
  });

  it('the demo publisher is an independent consumer: it imports nothing of the hub, and only the CLI starts it', () => {
    const publisherFiles = src.filter((f) => layerOf(f) === 'demo/publisher');
    expect(publisherFiles.length, 'src/demo/publisher exists').to.be.greaterThan(3);
    const reachingOut = publisherFiles.flatMap((f) =>
      specifiers(f)
        .filter((s) => s.startsWith('.') && targetLayer(f, s) !== 'demo/publisher')
        .map((s) => `${path.relative(root, f)} → ${s}`),
    );
    expect(reachingOut, 'no saml/, domain/, config … of the hub').to.deep.equal([]);
    const starters = src.filter(
      (f) => layerOf(f) !== 'demo/publisher' && specifiers(f).some((s) => s.startsWith('.') && targetLayer(f, s) === 'demo/publisher'),
    );
    expect(starters.map((f) => layerOf(f))).to.satisfy((layers: string[]) => layers.every((l) => l === 'cli'));
    expect(MAY_IMPORT['demo/publisher']).to.deep.equal([]);
  });

  it('the rule table itself forbids what the design forbids', () => {
    expect(MAY_IMPORT.domain, 'domain depends on nothing outside itself').to.deep.equal([]);
    for (const layer of ['domain', 'saml', 'oidc', 'release', 'import', 'web', 'api', 'jobs'])
      expect(MAY_IMPORT[layer], `${layer} never reaches persistence`).not.to.include('persistence');
    for (const layer of ['domain', 'saml', 'oidc', 'release', 'import', 'persistence']) {
      for (const edge of ['web', 'api', 'cli', 'jobs']) expect(MAY_IMPORT[layer], `${layer} never imports ${edge}`).not.to.include(edge);
    }
  });

  it('packages are used only in their layer (XML signatures in saml/, the database in persistence/, HTTP in web/ and api/)', () => {
    const offenders = src.flatMap((f) =>
      specifiers(f)
        .filter((s) => !s.startsWith('.'))
        .flatMap((s) =>
          PACKAGE_HOMES.filter((h) => h.pattern.test(s) && !h.layers.includes(layerOf(f))).map(
            (h) => `${path.relative(root, f)} → ${s} (${h.why})`,
          ),
        ),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('the product never imports the fuzzing library or the fuzz harness', () => {
    const offenders = src.flatMap((f) =>
      specifiers(f)
        .filter((i: string) => /^fast-check|scripts\/fuzz/.test(i))
        .map((i: string) => `${path.relative(root, f)} → ${i}`),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('no migration enables synchronize and no key material is committed', () => {
    const all = [...src, ...sources(path.join(root, 'migrations'))].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(all).not.to.match(/synchronize:\s*true/);
    expect(all).not.to.contain('BEGIN RSA PRIVATE KEY');
    expect(all).not.to.contain('BEGIN PRIVATE KEY');
    const ignore = fs.readFileSync(path.join(root, '.gitignore'), 'utf8');
    expect(ignore).to.match(/^certs\/\*$/m);
  });
});
