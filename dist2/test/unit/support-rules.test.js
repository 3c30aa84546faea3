"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const support_service_1 = require("../../src/domain/identity/support.service");
/** The helpdesk's rules (annex 2 I): the reason it must give, and what counts as naming one person. */
describe('support rules: the required reason and the exact-ish name match', () => {
    it('a reason is at least 10 characters after trimming and collapsing spaces, at most 500', () => {
        for (const bad of [undefined, null, 42, '', '   ', 'kort', '  a    b   c  '])
            (0, chai_1.expect)(() => (0, support_service_1.checkSupportReason)(bad), String(bad)).to.throw(errors_1.ValidationError, /minstens 10 tekens/);
        (0, chai_1.expect)(() => (0, support_service_1.checkSupportReason)('x'.repeat(501))).to.throw(errors_1.ValidationError, /te lang/);
        (0, chai_1.expect)((0, support_service_1.checkSupportReason)('  Ticket   4711:\n kan niet inloggen ')).to.equal('Ticket 4711: kan niet inloggen');
    });
    it('the full first and last name, in any order, case or accents, infix optional — nothing partial, nothing extra', () => {
        const fenna = { firstName: 'Fenna', infix: 'ter', lastName: 'Horst' };
        for (const q of ['Fenna ter Horst', 'fenna horst', 'HORST, Fenna', 'Fénna  Hörst', 'ter horst fenna'])
            (0, chai_1.expect)((0, support_service_1.nameMatches)(q, fenna), q).to.equal(true);
        for (const q of ['Fenna', 'Horst', 'Fen Horst', 'Fenna Hors', 'Fenna van Horst', 'Fenna ter Horst Jansen', '', 'ter'])
            (0, chai_1.expect)((0, support_service_1.nameMatches)(q, fenna), q).to.equal(false);
        const double = { firstName: 'Anne-Sophie', infix: null, lastName: 'Çelik-de Vries' };
        (0, chai_1.expect)((0, support_service_1.nameMatches)('anne sophie celik de vries', double)).to.equal(true);
        (0, chai_1.expect)((0, support_service_1.nameMatches)('Anne-Sophie Celik', double), 'the whole last name').to.equal(false);
    });
});
//# sourceMappingURL=support-rules.test.js.map