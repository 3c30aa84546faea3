"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.processIo = exports.EXIT = void 0;
exports.exitCodeFor = exitCodeFor;
exports.oneLineReason = oneLineReason;
exports.readTextFile = readTextFile;
const node_fs_1 = __importDefault(require("node:fs"));
const errors_1 = require("../domain/errors");
const config_1 = require("../config");
const secrets_1 = require("../crypto/secrets");
/** Exit codes of the `leerpoort` command, documented in the README. */
exports.EXIT = Object.freeze({ ok: 0, failure: 1, usage: 2, notFound: 3, conflict: 4, forbidden: 5, unavailable: 6, config: 78 });
exports.processIo = {
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    readStdin: () => readSecretFromStdin(),
};
/** Reads one line from stdin; on a terminal it prompts and does not echo what is typed. */
async function readSecretFromStdin() {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
        const chunks = [];
        for await (const chunk of stdin)
            chunks.push(chunk);
        return Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    }
    process.stderr.write('Nieuw wachtwoord / new password: ');
    stdin.setRawMode(true);
    stdin.resume();
    return new Promise((resolve, reject) => {
        let typed = '';
        const onData = (buf) => {
            for (const ch of buf.toString('utf8')) {
                if (ch === '\r' || ch === '\n') {
                    finish();
                    resolve(typed);
                    return;
                }
                if (ch === '\u0003') {
                    finish();
                    reject(new Error('cancelled'));
                    return;
                }
                if (ch === '\u007f')
                    typed = typed.slice(0, -1);
                else
                    typed += ch;
            }
        };
        const finish = () => {
            stdin.off('data', onData);
            stdin.setRawMode(false);
            stdin.pause();
            process.stderr.write('\n');
        };
        stdin.on('data', onData);
    });
}
function exitCodeFor(e) {
    if ((0, errors_1.isAppError)(e))
        return e.exitCode;
    if (e instanceof config_1.ConfigError || e instanceof secrets_1.SecretsError)
        return exports.EXIT.config;
    return exports.EXIT.failure;
}
/** One line: the reason, without stack traces (those go to the log at debug level). */
function oneLineReason(e) {
    if (e instanceof config_1.ConfigError)
        return `invalid configuration: ${e.problems.join('; ')}`;
    const message = (0, errors_1.isAppError)(e) ? e.publicMessage : e instanceof Error ? e.message : String(e);
    return message.replace(/\s*\n\s*/g, '; ');
}
/** Reads a UTF-8 file the operator named; an unreadable file is a usage error that names it (`what`: e.g. 'metadata file'). */
function readTextFile(file, what) {
    try {
        return node_fs_1.default.readFileSync(file, 'utf8');
    }
    catch (e) {
        throw new errors_1.ValidationError(`cannot read ${what ? `${what} ` : ''}${file}: ${e.code ?? e.message}`);
    }
}
//# sourceMappingURL=io.js.map