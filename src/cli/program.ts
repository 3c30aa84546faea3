import { Command, CommanderError } from 'commander';
import * as activation from './commands/activation';
import * as agreement from './commands/agreement';
import * as audit from './commands/audit';
import * as backup from './commands/backup';
import * as demo from './commands/demo';
import * as disruption from './commands/disruption';
import * as homeaccess from './commands/homeaccess';
import * as rosterImport from './commands/import';
import * as keys from './commands/keys';
import * as ledger from './commands/ledger';
import * as licence from './commands/licence';
import * as maintenance from './commands/maintenance';
import * as breach from './commands/breach';
import * as migrate from './commands/migrate';
import * as browser from './commands/browser';
import * as operator from './commands/operator';
import * as outbox from './commands/outbox';
import * as participant from './commands/participant';
import * as privacy from './commands/privacy';
import * as product from './commands/product';
import * as retention from './commands/retention';
import * as school from './commands/school';
import * as serve from './commands/serve';
import * as service from './commands/service';
import * as sp from './commands/sp';
import * as support from './commands/support';
import * as upstream from './commands/upstream';
import * as user from './commands/user';
import { createCliContext } from './context';
import { type CliIo, EXIT, exitCodeFor, oneLineReason } from './io';

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
  upstream,
  rosterImport,
  keys,
  ledger,
  retention,
  audit,
  outbox,
  user,
  operator,
  support,
  agreement,
  maintenance,
  breach,
  backup,
  privacy,
  service,
  browser,
  disruption,
] as const;

export function buildProgram(io: CliIo): { program: Command; run(argv: string[]): Promise<number> } {
  let exitCode: number = EXIT.ok;
  const program = new Command('leerpoort');
  program
    .description('Leerpoort – SAML single sign-on hub for primary schools')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(false);

  const ctx = createCliContext(io, (code) => (exitCode = code));
  for (const noun of COMMANDS) noun.register(program, ctx);

  return {
    program,
    async run(argv: string[]) {
      exitCode = EXIT.ok;
      try {
        await program.parseAsync(argv, { from: 'user' });
      } catch (e) {
        // Commander reports help, version and usage errors by throwing (exitOverride); help is not a failure.
        if (e instanceof CommanderError) {
          if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
          return EXIT.usage;
        }
        io.stderr(`leerpoort: ${oneLineReason(e)}`);
        return exitCodeFor(e);
      }
      return exitCode;
    },
  };
}
