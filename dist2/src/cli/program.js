"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildProgram = buildProgram;
const commander_1 = require("commander");
const activation = __importStar(require("./commands/activation"));
const agreement = __importStar(require("./commands/agreement"));
const demo = __importStar(require("./commands/demo"));
const homeaccess = __importStar(require("./commands/homeaccess"));
const rosterImport = __importStar(require("./commands/import"));
const keys = __importStar(require("./commands/keys"));
const ledger = __importStar(require("./commands/ledger"));
const licence = __importStar(require("./commands/licence"));
const maintenance = __importStar(require("./commands/maintenance"));
const migrate = __importStar(require("./commands/migrate"));
const operator = __importStar(require("./commands/operator"));
const outbox = __importStar(require("./commands/outbox"));
const participant = __importStar(require("./commands/participant"));
const product = __importStar(require("./commands/product"));
const retention = __importStar(require("./commands/retention"));
const school = __importStar(require("./commands/school"));
const serve = __importStar(require("./commands/serve"));
const sp = __importStar(require("./commands/sp"));
const support = __importStar(require("./commands/support"));
const user = __importStar(require("./commands/user"));
const context_1 = require("./context");
const io_1 = require("./io");
/** One module per top-level noun, in the order `leerpoort --help` lists them. */
const COMMANDS = [
    migrate,
    demo,
    serve,
    school,
    homeaccess,
    participant,
    product,
    licence,
    activation,
    sp,
    rosterImport,
    keys,
    ledger,
    retention,
    outbox,
    user,
    operator,
    support,
    agreement,
    maintenance,
];
function buildProgram(io) {
    let exitCode = io_1.EXIT.ok;
    const program = new commander_1.Command('leerpoort');
    program
        .description('Leerpoort – SAML single sign-on hub for primary schools')
        .option('--json', 'machine-readable output')
        .exitOverride()
        .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
        .showHelpAfterError(false);
    const ctx = (0, context_1.createCliContext)(io, (code) => (exitCode = code));
    for (const noun of COMMANDS)
        noun.register(program, ctx);
    return {
        program,
        async run(argv) {
            exitCode = io_1.EXIT.ok;
            try {
                await program.parseAsync(argv, { from: 'user' });
            }
            catch (e) {
                // Commander reports help, version and usage errors by throwing (exitOverride); help is not a failure.
                if (e instanceof commander_1.CommanderError) {
                    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
                        return io_1.EXIT.ok;
                    return io_1.EXIT.usage;
                }
                io.stderr(`leerpoort: ${(0, io_1.oneLineReason)(e)}`);
                return (0, io_1.exitCodeFor)(e);
            }
            return exitCode;
        },
    };
}
//# sourceMappingURL=program.js.map