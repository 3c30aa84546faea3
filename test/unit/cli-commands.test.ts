import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import { type CliContext, createCliContext } from '../../src/cli/context';
import type { CliIo } from '../../src/cli/io';
import { buildProgram } from '../../src/cli/program';

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
  'upstream',
  'import',
  'keys',
  'ledger',
  'retention',
  'audit',
  'outbox',
  'user',
  'operator',
  'support',
  'agreement',
  'maintenance',
  'breach',
  'backup',
  'privacy',
  'service',
  'browser',
  'disruption',
];

const SUBCOMMANDS: Record<string, string[]> = {
  school: ['add', 'set', 'board', 'warn', 'warnings', 'warning-close', 'suspend', 'unsuspend'],
  homeaccess: ['set', 'networks', 'email'],
  participant: ['add', 'annex', 'credentials', 'oidc-client'],
  product: ['add'],
  licence: ['grant', 'assign', 'list'],
  activation: ['set', 'history'],
  sp: ['add', 'list', 'preview', 'remove'],
  upstream: ['add', 'list', 'set', 'remove', 'refresh'],
  import: ['edexml', 'csv'],
  keys: ['rotate'],
  retention: ['run', 'steps', 'destroy-school', 'certificate', 'verify-certificate'],
  audit: ['verify', 'seal'],
  user: ['passwd', 'pictures', 'reset-2fa'],
  operator: ['add'],
  support: ['find', 'show'],
  agreement: ['publish', 'list'],
  maintenance: ['schedule', 'list', 'cancel'],
  breach: ['record', 'list', 'show', 'confirm', 'notify'],
  backup: ['create', 'verify', 'restore', 'list', 'prune'],
  privacy: ['check'],
  service: ['end', 'notices', 'cancel'],
  browser: ['add', 'list', 'withdraw'],
  disruption: ['report', 'list', 'ack', 'estimate', 'resolve'],
};

/** An io that keeps what is written, and has nothing on stdin. */
function recordingIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
}

/** The built command modules (the tests run from dist/), each named after its noun. */
const COMMANDS_DIR = path.resolve(__dirname, '../../src/cli/commands');
type CommandModule = { register?: (program: Command, ctx: CliContext) => void };
const commandModules = () =>
  fs
    .readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ noun: path.basename(f, '.js'), module: require(path.join(COMMANDS_DIR, f)) as CommandModule }));

describe('CLI command modules', () => {
  it('there is one module per noun, and each registers exactly its noun', () => {
    const modules = commandModules();
    expect(modules.map((m) => m.noun).sort()).to.deep.equal([...NOUNS].sort());
    for (const { noun, module } of modules) {
      expect(module.register, `${noun}: register`).to.be.a('function');
      const program = new Command('leerpoort');
      module.register!(
        program,
        createCliContext(recordingIo(), () => {}),
      );
      expect(
        program.commands.map((c) => c.name()),
        noun,
      ).to.deep.equal([noun]);
      expect(
        program.commands[0]!.commands.map((c) => c.name()),
        `${noun} subcommands`,
      ).to.deep.equal(SUBCOMMANDS[noun] ?? []);
    }
  });

  it('the program registers every noun, in the order of before', () => {
    const { program } = buildProgram(recordingIo());
    expect(program.commands.map((c) => c.name())).to.deep.equal(NOUNS);
  });

  it('`leerpoort --help` lists exactly the same top-level commands as before', async () => {
    const io = recordingIo();
    expect(await buildProgram(io).run(['--help'])).to.equal(0);
    const help = io.out.join('');
    const listed = help
      .split('\nCommands:\n')[1]!
      .split('\n')
      .map((line) => /^ {2}([a-z0-9-]+)/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(listed).to.deep.equal([...NOUNS, 'help']);
  });
});
