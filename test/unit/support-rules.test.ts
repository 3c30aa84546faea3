import { expect } from 'chai';
import { ValidationError } from '../../src/domain/errors';
import { checkSupportReason, nameMatches } from '../../src/domain/identity/support.service';

/** The helpdesk's rules (annex 2 I): the reason it must give, and what counts as naming one person. */
describe('support rules: the required reason and the exact-ish name match', () => {
  it('a reason is at least 10 characters after trimming and collapsing spaces, at most 500', () => {
    for (const bad of [undefined, null, 42, '', '   ', 'kort', '  a    b   c  '])
      expect(() => checkSupportReason(bad), String(bad)).to.throw(ValidationError, /minstens 10 tekens/);
    expect(() => checkSupportReason('x'.repeat(501))).to.throw(ValidationError, /te lang/);
    expect(checkSupportReason('  Ticket   4711:\n kan niet inloggen ')).to.equal('Ticket 4711: kan niet inloggen');
  });

  it('the full first and last name, in any order, case or accents, infix optional — nothing partial, nothing extra', () => {
    const fenna = { firstName: 'Fenna', infix: 'ter', lastName: 'Horst' };
    for (const q of ['Fenna ter Horst', 'fenna horst', 'HORST, Fenna', 'Fénna  Hörst', 'ter horst fenna'])
      expect(nameMatches(q, fenna), q).to.equal(true);
    for (const q of ['Fenna', 'Horst', 'Fen Horst', 'Fenna Hors', 'Fenna van Horst', 'Fenna ter Horst Jansen', '', 'ter'])
      expect(nameMatches(q, fenna), q).to.equal(false);
    const double = { firstName: 'Anne-Sophie', infix: null, lastName: 'Çelik-de Vries' };
    expect(nameMatches('anne sophie celik de vries', double)).to.equal(true);
    expect(nameMatches('Anne-Sophie Celik', double), 'the whole last name').to.equal(false);
  });
});
