import { expect } from 'chai';
import { ValidationError } from '../../src/domain/errors';
import { mailDomainOfLoginName, normaliseMailDomain, normaliseMailDomains } from '../../src/domain/federation/upstream-domains';

describe('e-mail domains of school IdPs: what may be registered, and which login names lead there', () => {
  it('normalises a hostname: lower case, trailing dot dropped, internationalised names as punycode', () => {
    expect(normaliseMailDomain(' DeSchool.NL. ')).to.equal('deschool.nl');
    expect(normaliseMailDomain('leerling.de-school.nl')).to.equal('leerling.de-school.nl');
    expect(normaliseMailDomain('bücherschule.de')).to.match(/^xn--bcherschule-[a-z0-9]+\.de$/);
    expect(normaliseMailDomains(['b.nl', 'A.nl', 'a.nl'])).to.deep.equal(['a.nl', 'b.nl']);
  });

  it('refuses what is no hostname, or a mailbox provider no school owns', () => {
    for (const bad of [
      '',
      'nl',
      'deschool',
      'juf@deschool.nl',
      'https://deschool.nl',
      'deschool.nl/x',
      'deschool.nl:443',
      'deschool.nl?x',
      'deschool.nl#x',
      'de\\school.nl',
      'de school.nl',
      '-de.nl',
      'de-.nl',
      'a..nl',
      'deschool.123',
      '127.0.0.1',
      `${'a'.repeat(64)}.nl`,
      `${'a.'.repeat(127)}nl`,
    ])
      expect(() => normaliseMailDomain(bad), bad).to.throw(ValidationError, /invalid e-mail domain/);
    expect(() => normaliseMailDomain('GMAIL.com')).to.throw(ValidationError, /public mailbox provider/);
  });

  it('reads the domain of a login name only when it is shaped like an address', () => {
    expect(mailDomainOfLoginName('g.zwaan@DeSchool.nl')).to.equal('deschool.nl');
    expect(mailDomainOfLoginName('  g.zwaan@deschool.nl ')).to.equal('deschool.nl');
    for (const name of [
      'gerrit.12ab',
      '@deschool.nl',
      'a@b@deschool.nl',
      'g zwaan@deschool.nl',
      'g.zwaan@',
      'g.zwaan@deschool',
      'g.zwaan@deschool.nl/evil',
      `${'x'.repeat(65)}@deschool.nl`,
    ])
      expect(mailDomainOfLoginName(name), name).to.equal(null);
  });
});
