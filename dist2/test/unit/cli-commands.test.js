"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const commander_1 = require("commander");
const context_1 = require("../../src/cli/context");
const program_1 = require("../../src/cli/program");
/** The command line as it was before the commands were split into one module per noun (`leerpoort --help`). */
const NOUNS = [
    'migrate',
    'demo',
    'serve',
    'school',
    'homeaccess',
    'participant',
    'product',
    'licence',
    'activation',
    'sp',
    'import',
    'keys',
    'ledger',
    'retention',
    'outbox',
    'user',
    'operator',
    'support',
    'agreement',
    'maintenance',
];
const SUBCOMMANDS = {
    school: ['add', 'set'],
    homeaccess: ['set', 'networks', 'email'],
    participant: ['add', 'credentials'],
    product: ['add'],
    licence: ['grant', 'assign', 'list'],
    activation: ['set', 'history'],
    sp: ['add', 'list', 'preview', 'remove'],
    import: ['edexml', 'csv'],
    keys: ['rotate'],
    retention: ['run'],
    user: ['passwd', 'pictures', 'reset-2fa'],
    operator: ['add'],
    support: ['find', 'show'],
    agreement: ['publish', 'list'],
    maintenance: ['schedule', 'list', 'cancel'],
};
/** An io that keeps what is written, and has nothing on stdin. */
function recordingIo() {
    const out = [];
    const err = [];
    return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
}
/** The built command modules (the tests run from dist/), each named after its noun. */
const COMMANDS_DIR = node_path_1.default.resolve(__dirname, '../../src/cli/commands');
const commandModules = () => node_fs_1.default
    .readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ noun: node_path_1.default.basename(f, '.js'), module: require(node_path_1.default.join(COMMANDS_DIR, f)) }));
describe('CLI command modules', () => {
    it('there is one module per noun, and each registers exactly its noun', () => {
        const modules = commandModules();
        (0, chai_1.expect)(modules.map((m) => m.noun).sort()).to.deep.equal([...NOUNS].sort());
        for (const { noun, module } of modules) {
            (0, chai_1.expect)(module.register, `${noun}: register`).to.be.a('function');
            const program = new commander_1.Command('leerpoort');
            module.register(program, (0, context_1.createCliContext)(recordingIo(), () => { }));
            (0, chai_1.expect)(program.commands.map((c) => c.name()), noun).to.deep.equal([noun]);
            (0, chai_1.expect)(program.commands[0].commands.map((c) => c.name()), `${noun} subcommands`).to.deep.equal(SUBCOMMANDS[noun] ?? []);
        }
    });
    it('the program registers every noun, in the order of before', () => {
        const { program } = (0, program_1.buildProgram)(recordingIo());
        (0, chai_1.expect)(program.commands.map((c) => c.name())).to.deep.equal(NOUNS);
    });
    it('`leerpoort --help` lists exactly the same top-level commands as before', async () => {
        const io = recordingIo();
        (0, chai_1.expect)(await (0, program_1.buildProgram)(io).run(['--help'])).to.equal(0);
        const help = io.out.join('');
        const listed = help
            .split('\nCommands:\n')[1]
            .split('\n')
            .map((line) => /^ {2}([a-z0-9-]+)/.exec(line)?.[1])
            .filter((name) => name !== undefined);
        (0, chai_1.expect)(listed).to.deep.equal([...NOUNS, 'help']);
    });
});
//# sourceMappingURL=cli-commands.test.js.map