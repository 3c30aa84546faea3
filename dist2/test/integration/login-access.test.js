"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const assert_1 = require("../support/assert");
const postgres_1 = require("../support/postgres");
/** The storage behind picture/card/parent/operator logins and mail delivery, on PGlite and PostgreSQL alike. */
(0, postgres_1.describeEachBackend)('login access storage (networks, cards, pictures, parents, operators, outbox)', ({ db }) => {
    let repos;
    let schoolId;
    let pupilId;
    let credentialId;
    beforeEach(async () => {
        await (0, postgres_1.truncateAll)(db());
        repos = db().repositories;
        schoolId = (await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'OBS De Regenboog' })).id;
        pupilId = (await repos.people.insert({ schoolId, role: 'pupil', firstName: 'Fenna', lastName: 'Horst' })).id;
        credentialId = (await repos.credentials.insert({ personId: pupilId, username: 'fenna.h', passwordHash: null })).id;
    });
    it('stores a school network as cidr, replaces it as a whole and refuses host bits in the database too', async () => {
        await repos.schoolNetworks.replace(schoolId, ['192.0.2.0/24', '2001:db8::/48', '192.0.2.0/24']);
        (0, chai_1.expect)(await repos.schoolNetworks.list(schoolId)).to.have.members(['192.0.2.0/24', '2001:db8::/48']);
        await repos.schoolNetworks.replace(schoolId, ['10.1.0.0/16']);
        (0, chai_1.expect)(await repos.schoolNetworks.list(schoolId)).to.deep.equal(['10.1.0.0/16']);
        let failed = false;
        await db()
            .unitOfWork.run((tx) => tx.schoolNetworks.replace(schoolId, ['10.1.2.3/8']))
            .catch(() => (failed = true));
        (0, chai_1.expect)(failed, 'cidr rejects host bits').to.equal(true);
        (0, chai_1.expect)(await repos.schoolNetworks.list(schoolId)).to.deep.equal(['10.1.0.0/16']);
    });
    it('reads the usernames of many people at once, decrypted; people without an account are absent', async () => {
        const other = (await repos.people.insert({ schoolId, role: 'pupil', firstName: 'Zonder', lastName: 'Account' })).id;
        (0, chai_1.expect)([...(await repos.credentials.usernamesOf([pupilId, other]))]).to.deep.equal([[pupilId, 'fenna.h']]);
        (0, chai_1.expect)((await repos.credentials.usernamesOf([])).size).to.equal(0);
    });
    it('keeps a picture password only as argon2id and lists picture accounts of a group', async () => {
        const group = await repos.groups.insert({ schoolId, lasKey: 'G3', name: 'Groep 3', yearGroup: 3, kind: 'stamgroep' });
        await repos.groups.addMember({ groupId: group.id, personId: pupilId, roleInGroup: 'member' });
        (0, chai_1.expect)(await repos.credentials.pictureAccountsInGroup(group.id)).to.deep.equal([]);
        let failed = false;
        await repos.credentials.setPicturePassword(credentialId, 'uil', 'zon-maan-ster-boom').catch(() => (failed = true));
        (0, chai_1.expect)(failed, 'CHECK refuses a non-argon2id value').to.equal(true);
        await repos.credentials.setPicturePassword(credentialId, 'uil', '$argon2id$v=19$m=19456,t=2,p=1$x$y');
        (0, chai_1.expect)(await repos.credentials.pictureAccountsInGroup(group.id)).to.deep.equal([{ personId: pupilId, avatar: 'uil' }]);
        (0, chai_1.expect)((await repos.credentials.pictureLogin(pupilId)).avatar).to.equal('uil');
        await repos.people.update(pupilId, { status: 'inactive' });
        (0, chai_1.expect)(await repos.credentials.pictureAccountsInGroup(group.id), 'leavers are not listed').to.deep.equal([]);
    });
    it('issues, finds and revokes login cards; a card dies with its pupil', async () => {
        const now = new Date();
        const a = await repos.loginCards.issue(pupilId, new Date(now.getTime() + 86_400_000));
        const b = await repos.loginCards.issue(pupilId, new Date(now.getTime() + 86_400_000));
        (0, chai_1.expect)(await repos.loginCards.revokeAllFor(pupilId, now)).to.equal(2);
        (0, chai_1.expect)(await repos.loginCards.revokeAllFor(pupilId, now)).to.equal(0);
        (0, chai_1.expect)((await repos.loginCards.find(a.id)).revokedAt).to.be.instanceOf(Date);
        (0, chai_1.expect)((await repos.loginCards.listFor(pupilId)).map((c) => c.id)).to.have.members([a.id, b.id]);
        await repos.people.delete(pupilId);
        (0, chai_1.expect)(await repos.loginCards.find(b.id)).to.equal(null);
    });
    it('links parents to children only through the pupil’s home-access address; removing it unlinks at once', async () => {
        const sibling = (await repos.people.insert({ schoolId, role: 'pupil', firstName: 'Daan', lastName: 'Horst' })).id;
        await repos.people.addHomeAccessEmail(pupilId, 'Ouder@Example.nl');
        await repos.people.addHomeAccessEmail(sibling, 'ouder@example.nl');
        const key = repos.guardians.emailKey(' OUDER@example.nl ');
        (0, chai_1.expect)(await repos.guardians.childrenOf(key)).to.have.members([pupilId, sibling]);
        await repos.guardians.setPassword(key, '$argon2id$v=19$m=19456,t=2,p=1$a$b');
        await repos.guardians.setPassword(key, '$argon2id$v=19$m=19456,t=2,p=1$c$d');
        (0, chai_1.expect)(await repos.guardians.passwordHash(key)).to.equal('$argon2id$v=19$m=19456,t=2,p=1$c$d');
        (0, chai_1.expect)(await repos.people.removeHomeAccessEmail(sibling, 'ouder@example.nl')).to.equal(true);
        (0, chai_1.expect)(await repos.people.removeHomeAccessEmail(sibling, 'ouder@example.nl')).to.equal(false);
        (0, chai_1.expect)(await repos.guardians.childrenOf(key)).to.deep.equal([pupilId]);
        const raw = JSON.stringify(await db().dataSource.query('SELECT * FROM guardian_accounts'));
        (0, chai_1.expect)(raw).not.to.contain('ouder@');
    });
    it('parent password links work once and not after expiry', async () => {
        const key = repos.guardians.emailKey('ouder@example.nl');
        const now = new Date();
        await repos.guardians.createLink('hash-1', key, new Date(now.getTime() + 60_000));
        (0, chai_1.expect)(await repos.guardians.findLink('hash-1', now)).to.equal(key);
        (0, chai_1.expect)(await repos.guardians.findLink('hash-1', new Date(now.getTime() + 61_000))).to.equal(null);
        (0, chai_1.expect)(await repos.guardians.consumeLink('hash-1', now)).to.equal(true);
        (0, chai_1.expect)(await repos.guardians.consumeLink('hash-1', now)).to.equal(false);
    });
    it('stores operators encrypted with their roles; the e-mail address is unique; roles outside the list are refused', async () => {
        const o = await repos.operators.insert({
            displayName: 'Hanna Helpdesk',
            email: 'Hanna@Leerpoort.nl',
            roles: ['helpdesk', 'security_officer'],
        });
        (0, chai_1.expect)(await repos.operators.findById(o.id)).to.deep.equal({
            id: o.id,
            displayName: 'Hanna Helpdesk',
            email: 'hanna@leerpoort.nl',
            roles: ['helpdesk', 'security_officer'],
        });
        const duplicate = await (0, assert_1.rejects)(repos.operators.insert({ displayName: 'Other', email: 'hanna@leerpoort.nl', roles: ['dba'] }));
        (0, chai_1.expect)(duplicate).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)(duplicate.message).to.contain('already exists');
        let failed = false;
        await repos.operators.insert({ displayName: 'X', email: 'x@leerpoort.nl', roles: ['root'] }).catch(() => (failed = true));
        (0, chai_1.expect)(failed).to.equal(true);
        (0, chai_1.expect)(JSON.stringify(await db().dataSource.query('SELECT * FROM operators'))).not.to.contain('Hanna');
    });
    it('outbox: a claimed mail is not handed out twice; sent mail is never claimed again', async () => {
        const id = await repos.outbox.add({ to: 'a@example.nl', subject: 's', body: 'b' });
        const [first, second] = await Promise.all([repos.outbox.claimUnsent(10, 60, false), repos.outbox.claimUnsent(10, 60, false)]);
        (0, chai_1.expect)([...first, ...second].map((m) => m.id)).to.deep.equal([id]);
        await repos.outbox.markFailed(id, 'connection refused');
        (0, chai_1.expect)((await repos.outbox.claimUnsent(10, 60, false)).map((m) => m.id)).to.deep.equal([id]);
        await repos.outbox.markSent(id, new Date());
        (0, chai_1.expect)(await repos.outbox.claimUnsent(10, 60, false)).to.deep.equal([]);
    });
    it('searches schools by a part of the name or a BRIN prefix, never terminated ones, with wildcards taken literally', async () => {
        await repos.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'CBS Het Kompas' });
        (0, chai_1.expect)((await repos.schools.search('regen', 10)).map((s) => s.brin)).to.deep.equal(['12AB']);
        (0, chai_1.expect)((await repos.schools.search('34c', 10)).map((s) => s.name)).to.deep.equal(['CBS Het Kompas']);
        (0, chai_1.expect)(await repos.schools.search('%', 10)).to.deep.equal([]);
    });
});
//# sourceMappingURL=login-access.test.js.map