"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const typeorm_1 = require("typeorm");
const storage_faults_1 = require("../../src/persistence/storage-faults");
/** The three shapes one storage fault arrives in (Node.js, PGlite's WebAssembly file system, PostgreSQL). */
describe('storage faults', () => {
    const errno = (code) => Object.assign(new Error(`${code}: x`), { code });
    const wasm = (n) => Object.assign(Object.create(null), { name: 'ErrnoError', errno: n });
    const query = (code, message) => new typeorm_1.QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));
    it('classifies Node.js errno codes, PGlite errno numbers and PostgreSQL errors', () => {
        (0, chai_1.expect)([errno('EROFS'), errno('EACCES'), errno('ENOSPC'), errno('EDQUOT'), errno('ENOENT')].map(storage_faults_1.storageCause)).to.deep.equal([
            'read-only',
            'no-permission',
            'full',
            'full',
            null,
        ]);
        (0, chai_1.expect)([wasm(69), wasm(2), wasm(51), wasm(44)].map(storage_faults_1.storageCause)).to.deep.equal(['read-only', 'no-permission', 'full', null]);
        (0, chai_1.expect)((0, storage_faults_1.storageCause)(query('53100', 'could not extend file "base/5/1": No space left on device'))).to.equal('full');
        (0, chai_1.expect)((0, storage_faults_1.storageCause)(query('58030', 'could not write to file "pg_wal/x": Read-only file system'))).to.equal('read-only');
        (0, chai_1.expect)((0, storage_faults_1.storageCause)(query('42501', 'permission denied for table people')), 'an SQL privilege is not a file-system fault').to.equal(null);
    });
    it('at the CLI edge only the database engine’s failures count, named by place, Dutch and English', () => {
        const full = query('53100', 'No space left on device');
        (0, chai_1.expect)((0, storage_faults_1.asDatabaseStorageFault)(full, { dataDir: '/srv/lp' })?.publicMessage)
            .to.contain('datamap /srv/lp heeft geen schijfruimte meer')
            .and.contain('data folder /srv/lp is out of disk space');
        (0, chai_1.expect)((0, storage_faults_1.asDatabaseStorageFault)(full, 'postgres')?.publicMessage).to.contain('the database server is out of disk space');
        (0, chai_1.expect)((0, storage_faults_1.asDatabaseStorageFault)(errno('ENOSPC'), { dataDir: '/srv/lp' }), 'a login-cards file on a full disk is not the database').to.equal(null);
    });
});
//# sourceMappingURL=storage-faults.test.js.map