import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { attributeTableMarkdown, BEGIN, END, withGeneratedTable } from '../../scripts/docs/attribute-table';
import { ATTRIBUTES } from '../../src/saml/attributes';
import { GUIDES, guideBlocks, leerpoortArgs, parseWithRealCli, readGuide, shellWords } from '../support/guides';

const README = path.resolve(__dirname, '../../../README.md');

/** The guides in docs/ stay true: the attribute table is the code's, every `leerpoort` line parses. */
describe('guides (docs/publishers.md, operators.md, schools.md)', () => {
  it('the attribute table in publishers.md is the one generated from src/saml/attributes.ts (`npm run docs:attributes`)', () => {
    const guide = readGuide('publishers.md');
    expect(guide, 'run `npm run docs:attributes`').to.equal(withGeneratedTable(guide));
    const table = guide.slice(guide.indexOf(BEGIN), guide.indexOf(END));
    for (const a of ATTRIBUTES) expect(table, a.name).to.contain(`\`${a.name}\``);
    expect(table)
      .to.contain('urn:mace:dir:attribute-def:nlEduPersonHomeOrganizationId')
      .and.contain('urn:oasis:names:tc:SAML:attribute:pairwise-id');
    // A changed example in the code would show up as a difference.
    expect(attributeTableMarkdown().split('\n')).to.have.length(ATTRIBUTES.length + 2);
  });

  it('every `leerpoort` line of every checked block parses with the real CLI program', async () => {
    let lines = 0;
    for (const guide of GUIDES)
      for (const block of guideBlocks(guide))
        for (const line of block.lines) {
          const args = leerpoortArgs(line);
          if (!args) continue;
          lines++;
          const ran = await parseWithRealCli(args).catch((e: Error) => {
            throw new Error(`${guide}: \`${line}\` does not parse: ${e.message}`);
          });
          expect(ran, line).to.be.a('string').and.not.equal('');
        }
    expect(lines, 'the guides have commands to check').to.be.at.least(20);
    expect(guideBlocks('publishers.md').some((b) => b.kind === 'run')).to.equal(true);
    expect(guideBlocks('operators.md').some((b) => b.kind === 'run')).to.equal(true);
  });

  it('the checker can fail: a missing required option, an unknown option or command is refused', async () => {
    for (const bad of [
      ['school', 'add', '--brin', '12AB'],
      ['sp', 'add', '--participant', 'X', '--metadata', 'f.xml', '--bogus'],
      ['schools', 'list'],
    ])
      await parseWithRealCli(bad).then(
        () => expect.fail(`accepted: ${bad.join(' ')}`),
        (e: Error) => expect(e.message).to.be.a('string'),
      );
    expect(await parseWithRealCli(['keys', 'rotate', '--activate'])).to.equal('keys rotate');
    expect(shellWords('npx leerpoort school add --brin 12AB --name "Basisschool De Linde"')).to.deep.equal([
      'npx',
      'leerpoort',
      'school',
      'add',
      '--brin',
      '12AB',
      '--name',
      'Basisschool De Linde',
    ]);
  });

  it('the README links the guides and its two commands are the package scripts', () => {
    const readme = fs.readFileSync(README, 'utf8');
    for (const g of GUIDES) expect(readme, g).to.contain(`(docs/${g})`);
    expect(readme).to.contain('npm install && npm start').and.contain('npm test');
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    expect(pkg.scripts.start).to.contain('serve --migrate --demo');
    expect(pkg.scripts.test).to.contain('mocha');
  });
});
