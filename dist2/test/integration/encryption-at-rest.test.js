"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const account_service_1 = require("../../src/domain/identity/account.service");
const password_hasher_1 = require("../../src/crypto/password-hasher");
const postgres_1 = require("../support/postgres");
/**
 * Reads the raw tables with SQL, as someone with a database dump would, and looks for the plaintext.
 */
(0, postgres_1.describeEachBackend)('encryption at rest', ({ db }) => {
    before(async () => (0, postgres_1.truncateAll)(db()));
    it('no plaintext name, birth date, e-mail address, ECK iD or username in any table', async () => {
        const repos = db().repositories;
        const school = await repos.schools.insert({ brin: '56EF', dependanceCode: '00', name: 'Het Kompas' });
        const accounts = new account_service_1.AccountService(db().unitOfWork, new password_hasher_1.Argon2idPasswordHasher());
        const { person: pupil } = await accounts.createPersonWithAccount({
            schoolId: school.id,
            role: 'pupil',
            lasKey: 'P1',
            eckId: 'https://ketenid.nl/201703/Zq9xWv',
            firstName: 'Fenna',
            infix: 'ter',
            lastName: 'Horst',
            birthDate: '2017-02-19',
        }, 'fenna.horst', 'vis-boom-3', { type: 'cli', id: 'test' });
        await repos.people.addHomeAccessEmail(pupil.id, 'mama.terhorst@example.nl');
        await accounts.createPersonWithAccount({ schoolId: school.id, role: 'teacher', firstName: 'Gerrit', lastName: 'Zwanenburg', staffEmail: 'g.zwanenburg@kompas.example.nl' }, 'g.zwanenburg', 'Appelboom-Kaas-27', { type: 'cli', id: 'test' });
        const tables = await db().dataSource.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        const dump = [];
        for (const { tablename } of tables) {
            const rows = await db().dataSource.query(`SELECT * FROM "${tablename}"`);
            dump.push(JSON.stringify(rows));
        }
        const text = dump.join('\n').toLowerCase();
        for (const secret of [
            'fenna',
            'horst',
            '2017-02-19',
            'ketenid',
            'zq9xwv',
            'terhorst',
            'mama.',
            'gerrit',
            'zwanenburg',
            'g.zwanenburg',
            'kompas.example',
            'vis-boom-3',
            'appelboom',
        ]) {
            (0, chai_1.expect)(text, `plaintext '${secret}' found in the database`).not.to.contain(secret);
        }
        // …and the hub itself still reads everything back.
        (0, chai_1.expect)((await repos.people.findById(pupil.id)).lastName).to.equal('Horst');
        (0, chai_1.expect)((await repos.credentials.findByUsername('fenna.horst')).personId).to.equal(pupil.id);
        const raw = await db().dataSource.query('SELECT first_name_enc FROM people WHERE id = $1', [pupil.id]);
        (0, chai_1.expect)(raw[0].first_name_enc).to.match(/^enc1\.t1\./);
        const hash = await db().dataSource.query('SELECT password_hash FROM credentials');
        for (const h of hash)
            (0, chai_1.expect)(h.password_hash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });
});
//# sourceMappingURL=encryption-at-rest.test.js.map