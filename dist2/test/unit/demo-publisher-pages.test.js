"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const pages_1 = require("../../src/demo/publisher/pages");
const requested_attributes_1 = require("../../src/demo/publisher/requested-attributes");
const sessions_1 = require("../../src/demo/publisher/sessions");
/** The demo publisher shows what arrived from outside; none of it may become markup. */
describe('demo publisher: pages and state', () => {
    const session = {
        nameId: '<b>id</b>',
        nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        sessionIndex: '"_x"',
        issuer: 'http://localhost:3000/saml/metadata',
        loggedInAt: new Date(),
        attributes: [
            { name: 'urn:oid:2.5.4.42', values: ['<script>alert(1)</script>'] },
            { name: 'urn:x:<img src=x onerror=alert(1)>', values: ["O'Neil & co", 'two'] },
        ],
    };
    it('escapes every attribute name and value, the NameID and the SessionIndex', () => {
        const html = (0, pages_1.loggedInPage)(session);
        (0, chai_1.expect)(html).not.to.contain('<script>alert').and.not.to.contain('<img').and.not.to.contain('<b>id');
        (0, chai_1.expect)(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.contain('O&#39;Neil &amp; co').and.contain('&quot;_x&quot;');
        (0, chai_1.expect)(html).to.contain('<div class="value">two</div>');
        (0, chai_1.expect)((0, pages_1.messagePage)('<h>', '<p>')).to.contain('&lt;h&gt;').and.not.to.contain('<p><p>');
    });
    it('lists what was asked for in the metadata but did not arrive', () => {
        const html = (0, pages_1.loggedInPage)(session);
        (0, chai_1.expect)(html).to.match(/id="not-received">.*dateOfBirth/s);
        (0, chai_1.expect)(html.split('id="not-received"')[1]).not.to.contain('givenName');
    });
    it('puts the AttributeConsumingService last in the SPSSODescriptor, with the metadata’s own prefix', () => {
        const xml = '<md:EntityDescriptor><md:SPSSODescriptor><md:AssertionConsumerService/></md:SPSSODescriptor></md:EntityDescriptor>';
        const out = (0, requested_attributes_1.withRequestedAttributes)(xml, 'Rekenrijk & Co');
        (0, chai_1.expect)(out).to.match(/<md:AssertionConsumerService\/><md:AttributeConsumingService index="0" isDefault="true">/);
        (0, chai_1.expect)(out).to.contain('<md:ServiceName xml:lang="nl">Rekenrijk &amp; Co</md:ServiceName>');
        (0, chai_1.expect)(out).to.contain('<md:RequestedAttribute Name="urn:oid:2.5.4.42" FriendlyName="givenName"');
        (0, chai_1.expect)(out.endsWith('</md:AttributeConsumingService></md:SPSSODescriptor></md:EntityDescriptor>')).to.equal(true);
    });
    it('the in-memory store answers a one-time value once, forgets expired ones and never grows past its bound', async () => {
        const store = new sessions_1.BoundedStore(50, 3);
        store.set('a', 1);
        (0, chai_1.expect)(store.take('a')).to.equal(1);
        (0, chai_1.expect)(store.take('a'), 'a replayed InResponseTo finds nothing').to.equal(undefined);
        for (const k of ['b', 'c', 'd', 'e'])
            store.set(k, 2);
        (0, chai_1.expect)(store.get('b'), 'the oldest went first').to.equal(undefined);
        (0, chai_1.expect)(store.get('e')).to.equal(2);
        await new Promise((r) => setTimeout(r, 60));
        (0, chai_1.expect)(store.get('e'), 'expired').to.equal(undefined);
    });
});
//# sourceMappingURL=demo-publisher-pages.test.js.map