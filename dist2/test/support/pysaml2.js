"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Pysaml2Sp = exports.PYSAML2_DRIVER = void 0;
exports.pysaml2Available = pysaml2Available;
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const node_readline_1 = __importDefault(require("node:readline"));
exports.PYSAML2_DRIVER = node_path_1.default.resolve(__dirname, '../../../test/fixtures/pysaml2_sp.py');
/** Debian's python3 (the one that sees python3-pysaml2), when pysaml2 and xmlsec1 are installed. */
function pysaml2Available() {
    const r = (0, node_child_process_1.spawnSync)('/usr/bin/python3', ['-c', 'import saml2.client'], { stdio: 'ignore' });
    return r.status === 0;
}
/** A pysaml2 SP in a child process, spoken to with one JSON line per command. */
class Pysaml2Sp {
    child;
    lines;
    waiting = [];
    stderr = '';
    constructor() {
        this.child = (0, node_child_process_1.spawn)('/usr/bin/python3', [exports.PYSAML2_DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stderr.on('data', (d) => (this.stderr += d));
        this.lines = node_readline_1.default.createInterface({ input: this.child.stdout });
        this.lines.on('line', (line) => this.waiting.shift()?.(line));
    }
    async call(cmd, args = {}) {
        const line = await new Promise((resolve, reject) => {
            this.waiting.push(resolve);
            this.child.stdin.write(`${JSON.stringify({ cmd, ...args })}\n`, (e) => e && reject(e));
            this.child.once('exit', () => reject(new Error(`pysaml2 driver exited:\n${this.stderr}`)));
        });
        const out = JSON.parse(line);
        if (out.error)
            throw new Error(`pysaml2 ${cmd}: ${out.error}\n${out.trace ?? ''}`);
        return out;
    }
    stop() {
        this.child.stdin.end();
        this.child.kill();
    }
}
exports.Pysaml2Sp = Pysaml2Sp;
//# sourceMappingURL=pysaml2.js.map