"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.processTable = processTable;
exports.cpuSeconds = cpuSeconds;
exports.postgresCpuSeconds = postgresCpuSeconds;
exports.machineBusySeconds = machineBusySeconds;
/** Where the CPU time of a benchmark run went: the hub's processes, PostgreSQL, the whole machine (Linux /proc). */
const node_fs_1 = __importDefault(require("node:fs"));
/** Every process: pid, parent, command name and CPU seconds so far (user + system, from /proc, 10 ms resolution). */
function processTable() {
    const rows = [];
    for (const entry of node_fs_1.default.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry))
            continue;
        try {
            const stat = node_fs_1.default.readFileSync(`/proc/${entry}/stat`, 'utf8');
            const close = stat.lastIndexOf(')');
            const fields = stat.slice(close + 2).split(' ');
            rows.push({
                pid: Number(entry),
                ppid: Number(fields[1]),
                comm: stat.slice(stat.indexOf('(') + 1, close),
                cpu: (Number(fields[11]) + Number(fields[12])) / 100,
            });
        }
        catch {
            // the process ended meanwhile
        }
    }
    return rows;
}
/** CPU seconds used so far by a process and its descendants (the serve primary and its workers). */
function cpuSeconds(pid) {
    const rows = processTable();
    const tree = new Set([pid]);
    for (let grew = true; grew;) {
        grew = false;
        for (const r of rows)
            if (tree.has(r.ppid) && !tree.has(r.pid)) {
                tree.add(r.pid);
                grew = true;
            }
    }
    return rows.filter((r) => tree.has(r.pid)).reduce((sum, r) => sum + r.cpu, 0);
}
/**
 * CPU seconds of the PostgreSQL server's processes: every one, or — given a database — its background
 * processes (WAL writer, checkpointer …) and the client backends of that database only, so the work of
 * other databases on a shared server is left out. (A backend that exits takes its CPU seconds with it.)
 */
function postgresCpuSeconds(database) {
    return processTable()
        .filter((r) => r.comm === 'postgres' && (database === undefined || [undefined, database].includes(backendDatabase(r.pid))))
        .reduce((sum, r) => sum + r.cpu, 0);
}
/** The database of a client backend ("postgres: [cluster: ]user database host(port) state"), else undefined. */
function backendDatabase(pid) {
    try {
        const cmdline = node_fs_1.default.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(cmdline)?.[1];
    }
    catch {
        return undefined;
    }
}
/** CPU seconds the whole machine was busy (all cores; niced background work excluded), from /proc/stat. */
function machineBusySeconds() {
    const [, user, , system, , , irq, softirq, steal] = node_fs_1.default.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    return (user + system + irq + softirq + steal) / 100;
}
//# sourceMappingURL=cpu.js.map