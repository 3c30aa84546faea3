"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Benchmark (not a test): import throughput — EDEXML validation + mapping + diff + one transaction —
 * for a generated 1,000-pupil school and for a bulk of many schools, beside PostgreSQL COPY of the same
 * rows into a scratch table in the same run (the reference), with the ratio and peak memory.
 *
 *   npm run bench:import                     (BENCH_BULK_SCHOOLS=100 → 100,000 pupils)
 *   BENCH_BULK_SCHOOLS=20 npm run bench:import
 */
require("reflect-metadata");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const promises_1 = require("node:stream/promises");
const node_stream_1 = require("node:stream");
const pg_1 = require("pg");
const pg_copy_streams_1 = require("pg-copy-streams");
const config_1 = require("../../src/config");
const support_1 = require("./support");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const read_edexml_1 = require("../../src/import/edexml/read-edexml");
const PUPILS_PER_SCHOOL = 1000;
const BULK_SCHOOLS = Number(process.env.BENCH_BULK_SCHOOLS ?? 100);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_bench_import';
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
function brinFor(i) {
    return `${String(10 + (i % 90)).padStart(2, '0')}${String.fromCharCode(65 + (Math.floor(i / 90) % 26))}${String.fromCharCode(65 + (i % 26))}`;
}
/** A schema-valid EDEXML 2.1 school with 40 groups, `pupils` pupils and 40 teachers. */
function edexml(brin, pupils) {
    const groups = Array.from({ length: 40 }, (_, g) => `<groep key="G${g}"><naam>Groep ${(g % 8) + 1}${String.fromCharCode(65 + Math.floor(g / 8))}</naam><jaargroep>${(g % 8) + 1}</jaargroep></groep>`).join('');
    const leerlingen = Array.from({ length: pupils }, (_, i) => `<leerling key="L${i}" eckid="https://ketenid.nl/201703/${brin}${i}"><achternaam>Achternaam${i}</achternaam>${i % 3 ? '' : '<voorvoegsel>van</voorvoegsel>'}<roepnaam>Voornaam${i}</roepnaam><geboortedatum>2016-05-05</geboortedatum><geslacht>${(i % 2) + 1}</geslacht><jaargroep>${(i % 8) + 1}</jaargroep><groep key="G${i % 40}"/><bsn>123456782</bsn></leerling>`).join('');
    const leerkrachten = Array.from({ length: 40 }, (_, t) => `<leerkracht key="T${t}"><achternaam>Leerkracht${t}</achternaam><roepnaam>Juf${t}</roepnaam><groepen><groep key="G${t}"/></groepen></leerkracht>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><EDEX><school><schooljaar>2026-2027</schooljaar><brincode>${brin}</brincode><dependancecode>00</dependancecode><schoolkey>1</schoolkey><aanmaakdatum>2026-11-01T10:00:00</aanmaakdatum><xsdversie>2.1</xsdversie></school><groepen>${groups}</groepen><leerlingen>${leerlingen}</leerlingen><leerkrachten>${leerkrachten}</leerkrachten></EDEX>`;
}
/** Reference: the same rows (plaintext, no checks) into a scratch table with COPY. */
async function copyRate(rows) {
    const c = new pg_1.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE TEMP TABLE scratch (school text, las_key text, eck_id text, first_name text, infix text, last_name text, birth_date text, gender text, group_key text)');
    const t0 = performance.now();
    const lines = function* () {
        for (let i = 0; i < rows; i++)
            yield `99ZZ\tL${i}\thttps://ketenid.nl/201703/x${i}\tVoornaam${i}\t${i % 3 ? '\\N' : 'van'}\tAchternaam${i}\t2016-05-05\t${i % 2 ? 'M' : 'V'}\tG${i % 40}\n`;
    };
    await (0, promises_1.pipeline)(node_stream_1.Readable.from(lines()), c.query((0, pg_copy_streams_1.from)('COPY scratch FROM STDIN')));
    const ms = performance.now() - t0;
    await c.end();
    return (rows / ms) * 1000;
}
async function main() {
    if (!(await (0, support_1.freshBenchDatabase)(url)))
        throw new Error(`PostgreSQL is needed for this benchmark (COPY reference): ${url}`);
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-bench-import-'));
    const config = (0, config_1.loadConfig)({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        CERTS_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-bench-certs-')),
        LOG_LEVEL: 'silent',
    });
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2));
    await hub.db.migrate();
    const actor = { type: 'cli', id: 'bench' };
    // One school, with accounts (argon2id per new person: deliberately slow) and without.
    const one = async (brin, createAccounts) => {
        await hub.services.schools.add({ brin, name: `School ${brin}` }, actor);
        const file = node_path_1.default.join(dir, `${brin}.xml`);
        node_fs_1.default.writeFileSync(file, edexml(brin, PUPILS_PER_SCHOOL));
        // As `import edexml FILE` does it: the schema check runs in the worker thread while this thread maps and writes.
        const t0 = performance.now();
        const { roster, verdict } = await (0, read_edexml_1.readEdexmlWhileChecking)(file);
        const t1 = performance.now();
        await hub.services.rosterImport.import(roster, { dryRun: false, source: 'bench', actor, createAccounts, verdict });
        const t2 = performance.now();
        return { readMs: t1 - t0, applyMs: t2 - t1, rows: roster.people.length, bytes: node_fs_1.default.statSync(file).size };
    };
    const copy = await copyRate(100_000);
    const noAccounts = await one('99ZZ', false);
    const withAccounts = await one('99ZY', true);
    const rate = (r) => (r.rows / (r.readMs + r.applyMs)) * 1000;
    console.log(`Leerpoort import benchmark — ${node_os_1.default.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, PostgreSQL`);
    console.log(`reference: COPY of 100,000 plain rows into a scratch table: ${copy.toFixed(0)} rows/s`);
    console.log(`1,000-pupil school (+40 teachers), ${(noAccounts.bytes / 1024).toFixed(0)} KiB EDEXML:`);
    console.log(`  without accounts: validate+map ${noAccounts.readMs.toFixed(0)} ms, diff+apply ${noAccounts.applyMs.toFixed(0)} ms → ${rate(noAccounts).toFixed(0)} rows/s, ratio to COPY ${(rate(noAccounts) / copy).toFixed(3)}`);
    console.log(`  with accounts (argon2id m=19 MiB per new person): ${(withAccounts.readMs + withAccounts.applyMs).toFixed(0)} ms → ${rate(withAccounts).toFixed(0)} rows/s, ratio ${(rate(withAccounts) / copy).toFixed(3)}`);
    // Bulk onboarding as `import edexml FILE… --no-accounts` does it: each school its own transaction, the next file read and checked meanwhile.
    const files = [];
    for (let s = 0; s < BULK_SCHOOLS; s++) {
        await hub.services.schools.add({ brin: brinFor(s), name: `School ${brinFor(s)}` }, actor);
        files.push(node_path_1.default.join(dir, `${brinFor(s)}.xml`));
        node_fs_1.default.writeFileSync(files[s], edexml(brinFor(s), PUPILS_PER_SCHOOL));
    }
    const t0 = performance.now();
    let rows = 0;
    let done = 0;
    for await (const { roster, verdict } of (0, read_edexml_1.readEdexmlFilesAhead)(files)) {
        await hub.services.rosterImport.import(roster, { dryRun: false, source: 'bench', actor, createAccounts: false, verdict });
        rows += roster.people.length;
        if (++done % 10 === 0)
            process.stderr.write(`  bulk: ${done}/${BULK_SCHOOLS} schools\n`);
    }
    const bulkRate = (rows / (performance.now() - t0)) * 1000;
    console.log(`bulk: ${BULK_SCHOOLS} schools, ${rows} people, without accounts: ${bulkRate.toFixed(0)} rows/s, ratio to COPY ${(bulkRate / copy).toFixed(3)} (goal ≥ 0.25)`);
    console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
    clearInterval(sampler);
    await hub.close();
}
main().catch((e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=import.js.map