import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

/** The dependency rules of DESIGN.md §2, checked on the source tree. */
const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sources(full) : d.name.endsWith('.ts') ? [full] : [];
  });
}

const imports = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

describe('architecture', () => {
  const src = sources(path.join(root, 'src'));

  it('only src/config reads process.env', () => {
    const readers = src.filter((f) => !f.includes(`${path.sep}config${path.sep}`) && /process\.env/.test(fs.readFileSync(f, 'utf8')));
    expect(readers.map((f) => path.relative(root, f))).to.deep.equal([]);
  });

  it('domain imports no express, typeorm, pg, samlify or XML library', () => {
    const offenders = src
      .filter((f) => f.includes(`${path.sep}domain${path.sep}`))
      .flatMap((f) => imports(f).filter((i) => /^(express|typeorm|pg|samlify|xml-crypto|@xmldom|@electric-sql)/.test(i)).map((i) => `${path.relative(root, f)} → ${i}`));
    expect(offenders).to.deep.equal([]);
  });

  it('only src/saml imports samlify, xml-crypto or xml-encryption', () => {
    const offenders = src
      .filter((f) => !f.startsWith(path.join(root, 'src', 'saml') + path.sep))
      .flatMap((f) => imports(f).filter((i) => /^(samlify|xml-crypto|xml-encryption|@xmldom)/.test(i)).map((i) => `${path.relative(root, f)} → ${i}`));
    expect(offenders).to.deep.equal([]);
  });

  it('the SAML protocol layer knows nothing of HTTP: no express, no web/, cli/ or persistence/', () => {
    const offenders = src
      .filter((f) => f.startsWith(path.join(root, 'src', 'saml') + path.sep))
      .flatMap((f) => imports(f).filter((i) => /^express|\/(web|cli|persistence)\//.test(i)).map((i) => `${path.relative(root, f)} → ${i}`));
    expect(offenders).to.deep.equal([]);
  });

  it('persistence never imports the web, cli or saml layers', () => {
    const offenders = src
      .filter((f) => f.includes(`${path.sep}persistence${path.sep}`))
      .flatMap((f) => imports(f).filter((i) => /\/(web|cli|saml)\//.test(i)).map((i) => `${path.relative(root, f)} → ${i}`));
    expect(offenders).to.deep.equal([]);
  });

  it('the product never imports the fuzzing library or the fuzz harness', () => {
    const offenders = src.flatMap((f) => imports(f).filter((i) => /^fast-check|scripts\/fuzz/.test(i)).map((i) => `${path.relative(root, f)} → ${i}`));
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
