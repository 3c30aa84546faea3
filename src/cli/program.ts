import fs from 'node:fs';
import os from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { type AppConfig, loadConfigFromProcess } from '../config';
import { formatDemoSummary, seedDemo } from '../demo/seed-demo';
import { NotFoundError, ValidationError, UnavailableError } from '../domain/errors';
import type { Actor } from '../domain/model';
import { createLogger, type Logger } from '../logger';
import { type Hub, openHub, serve } from '../main';
import { type CliIo, EXIT, exitCodeFor, oneLineReason } from './io';
import { describeSchool } from './present';
import { findSchoolByBrin } from '../domain/identity/school.service';
import { findParticipantByName } from '../domain/licensing/participant.service';
import { registerSpCommands } from './sp-commands';
import { registerImportCommands } from './import-commands';
import { registerAccessCommands, registerAgreementCommands } from './access-commands';
import { rotateSigningKey } from '../crypto/key-rotation';

interface GlobalOptions {
  json?: boolean;
}

/** Who did it, for the audit log: the OS user running the CLI (an operator on the server). */
function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* containers without a passwd entry */
  }
  return { type: 'cli', id: user };
}

function parseDate(value: string, flag: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) throw new ValidationError(`${flag} must be a date like 2026-08-01`);
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new ValidationError(`${flag} '${value}' is not a valid date`);
  return d;
}

function parsePositiveInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ValidationError(`${flag} must be a positive whole number`);
  return Number(value);
}

export function buildProgram(io: CliIo): { program: Command; run(argv: string[]): Promise<number> } {
  let exitCode: number = EXIT.ok;
  let config: AppConfig | null = null;
  const program = new Command('leerpoort');
  program
    .description('Leerpoort – SAML single sign-on hub for primary schools')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError(false);

  const globals = (cmd: Command) => cmd.optsWithGlobals<GlobalOptions>();
  const logger = (level?: AppConfig['logLevel']): Logger => createLogger({ logLevel: level ?? (config?.logLevel === 'info' ? 'warn' : config?.logLevel ?? 'warn') }, 2);

  const print = (cmd: Command, data: unknown, human: string) => {
    io.stdout(globals(cmd).json ? JSON.stringify(data) : human);
  };

  /** Opens the hub for one command, requires an up-to-date schema unless told otherwise, and always closes it. */
  async function withHub<T>(work: (hub: Hub) => Promise<T>, opts: { requireMigrated?: boolean } = {}): Promise<T> {
    config ??= loadConfigFromProcess();
    const hub = await openHub(config, logger());
    try {
      if (opts.requireMigrated !== false && (await hub.db.dataSource.showMigrations())) {
        throw new UnavailableError('the database schema is not up to date; run `leerpoort migrate` first');
      }
      return await work(hub);
    } finally {
      await hub.close();
    }
  }

  const action =
    <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      const cmd = args[args.length - 1] as Command;
      try {
        await fn(...args);
      } catch (e) {
        exitCode = exitCodeFor(e);
        if (exitCode === EXIT.failure) logger('debug').debug({ err: e }, 'command failed');
        if (globals(cmd).json) io.stdout(JSON.stringify({ error: (e as { kind?: string }).kind ?? 'error', message: oneLineReason(e) }));
        io.stderr(`leerpoort: ${oneLineReason(e)}`);
      }
    };

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(
      action(async (_opts: object, cmd: Command) => {
        const applied = await withHub((hub) => hub.db.migrate(), { requireMigrated: false });
        print(cmd, { applied }, applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
      }),
    );

  program
    .command('demo')
    .description('create (or show) the demo school, users, participant and licence; idempotent')
    .action(
      action(async (_opts: object, cmd: Command) => {
        const summary = await withHub(
          async (hub) => {
            await hub.db.migrate();
            return seedDemo(hub);
          },
          { requireMigrated: false },
        );
        print(cmd, summary, formatDemoSummary(summary));
      }),
    );

  program
    .command('serve')
    .description('run the hub (HTTP)')
    .option('--migrate', 'apply pending migrations first')
    .option('--demo', 'seed the demo school first and print its users (development only)')
    .action(
      action(async (opts: { migrate?: boolean; demo?: boolean }, cmd: Command) => {
        config ??= loadConfigFromProcess();
        const hub = await openHub(config, createLogger(config, 1));
        try {
          if (opts.migrate) {
            const applied = await hub.db.migrate();
            if (applied.length) hub.logger.info({ applied }, 'migrations applied');
          } else if (await hub.db.dataSource.showMigrations()) {
            throw new UnavailableError('the database schema is not up to date; run `leerpoort migrate` or `serve --migrate`');
          }
          if (opts.demo) {
            const summary = await seedDemo(hub);
            print(cmd, summary, formatDemoSummary(summary));
          }
          const running = await serve(hub);
          io.stderr(`Leerpoort draait op / is running at ${hub.config.baseUrl} (port ${running.port}; health: ${hub.config.baseUrl}/healthz)`);
          await new Promise<void>((resolve) => {
            const stop = (signal: string) => {
              hub.logger.info({ signal }, 'stopping');
              void running.stop().then(resolve);
            };
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        } finally {
          await hub.close();
        }
      }),
    );

  const school = program.command('school').description('schools');
  school
    .command('add')
    .description('register a school')
    .requiredOption('--brin <brin>', 'BRIN, e.g. 12AB (or 12AB01 for a dependance)')
    .requiredOption('--name <name>', 'school name')
    .option('--assu <number>', 'ASSU number')
    .option('--street <street>', 'visiting address: street')
    .option('--house-number <number>', 'visiting address: house number')
    .option('--postal-code <code>', 'visiting address: postal code')
    .option('--city <city>', 'visiting address: city')
    .action(
      action(async (o: { brin: string; name: string; assu?: string; street?: string; houseNumber?: string; postalCode?: string; city?: string }, cmd: Command) => {
        const address = o.street || o.city ? { street: o.street ?? '', houseNumber: o.houseNumber ?? '', postalCode: o.postalCode ?? '', city: o.city ?? '' } : null;
        if (address && (!address.street || !address.city)) throw new ValidationError('a visiting address needs at least --street and --city');
        const created = await withHub((hub) => hub.services.schools.add({ brin: o.brin, name: o.name, assuNumber: o.assu ?? null, visitingAddress: address }, cliActor()));
        print(cmd, describeSchool(created), `school ${created.brin}${created.dependanceCode === '00' ? '' : created.dependanceCode} added: ${created.name} (${created.id})`);
      }),
    );

  school
    .command('set')
    .description('school settings: two-step verification for teachers')
    .requiredOption('--brin <brin>', 'BRIN of the school')
    .addOption(new Option('--teacher-2fa <on|off>', 'require two-step verification for teachers').choices(['on', 'off']).makeOptionMandatory())
    .action(
      action(async (o: { brin: string; teacher2fa: 'on' | 'off' }, cmd: Command) => {
        const updated = await withHub((hub) => hub.services.schools.setTeacherTwoFactor(o.brin, o.teacher2fa === 'on', cliActor()));
        print(cmd, describeSchool(updated), `teachers of ${updated.brin} ${updated.teacher2faRequired ? 'must' : 'need not'} use two-step verification`);
      }),
    );

  const homeaccess = program.command('homeaccess').description('home access (thuistoegang)');
  homeaccess
    .command('set')
    .description('allow or stop logins from outside the school network')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .addOption(new Option('--on', 'allow home access').conflicts('off'))
    .addOption(new Option('--off', 'school network only').conflicts('on'))
    .action(
      action(async (o: { school: string; on?: boolean; off?: boolean }, cmd: Command) => {
        if (!o.on && !o.off) throw new ValidationError('say --on or --off');
        const updated = await withHub((hub) => hub.services.schools.setHomeAccess(o.school, !!o.on, cliActor()));
        print(cmd, describeSchool(updated), `home access for ${updated.brin}: ${updated.homeAccessEnabled ? 'on' : 'off'}`);
      }),
    );

  const participant = program.command('participant').description('participants (publishers)');
  participant
    .command('add')
    .description('register a participant')
    .requiredOption('--name <name>', 'participant name')
    .option('--needs-birth-date', 'the participant demonstrably needs pupils’ birth dates')
    .option('--needs-gender', 'the participant demonstrably needs gender')
    .option('--needs-email', 'the participant demonstrably needs staff e-mail addresses')
    .action(
      action(async (o: { name: string; needsBirthDate?: boolean; needsGender?: boolean; needsEmail?: boolean }, cmd: Command) => {
        const created = await withHub((hub) =>
          hub.services.participants.add({ name: o.name, needsBirthDate: !!o.needsBirthDate, needsGender: !!o.needsGender, needsEmail: !!o.needsEmail }, cliActor()),
        );
        print(cmd, created, `participant added: ${created.name} (${created.id})`);
      }),
    );

  participant
    .command('credentials')
    .description('issue OAuth2 client credentials for the roster API (the secret is shown once)')
    .requiredOption('--name <name>', 'participant name')
    .action(
      action(async (o: { name: string }, cmd: Command) => {
        const creds = await withHub((hub) => hub.services.apiClients.issue(o.name, cliActor()));
        print(cmd, creds, `client_id:     ${creds.clientId}\nclient_secret: ${creds.clientSecret}\n(store the secret now: the hub keeps only a hash)`);
      }),
    );

  const product = program.command('product').description('products (learning materials) of a participant');
  product
    .command('add')
    .description('register a product')
    .requiredOption('--participant <name>', 'participant name')
    .requiredOption('--name <name>', 'product (tile) name')
    .option('--method <method>', 'method the product belongs to')
    .option('--launch-url <url>', 'URL the portal tile opens')
    .option('--icon-url <url>', 'tile icon')
    .option('--teacher-app', 'shown to teachers only')
    .option('--test-app', 'a test/assessment application')
    .action(
      action(async (o: { participant: string; name: string; method?: string; launchUrl?: string; iconUrl?: string; teacherApp?: boolean; testApp?: boolean }, cmd: Command) => {
        const created = await withHub((hub) =>
          hub.services.participants.addProduct(
            o.participant,
            { name: o.name, method: o.method ?? null, launchUrl: o.launchUrl ?? null, iconUrl: o.iconUrl ?? null, isTeacherApp: !!o.teacherApp, isTestApp: !!o.testApp },
            cliActor(),
          ),
        );
        print(cmd, created, `product added: ${created.name} (${created.id})`);
      }),
    );

  const licence = program.command('licence').description('licences');
  licence
    .command('grant')
    .description('grant a school a licence for a product, for one group or the whole school')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--product <name>', 'product name')
    .option('--participant <name>', 'participant, when several have a product of that name')
    .addOption(new Option('--group <key>', 'group LAS key or name').conflicts('all'))
    .addOption(new Option('--all', 'every pupil and teacher of the school').conflicts('group'))
    .option('--from <date>', 'first day (default: today)')
    .option('--until <date>', 'end, exclusive (default: 1 August, end of the school year)')
    .option('--seats <n>', 'number of seats (default: no limit)')
    .action(
      action(async (o: { school: string; product: string; participant?: string; group?: string; all?: boolean; from?: string; until?: string; seats?: string }, cmd: Command) => {
        if (!o.group && !o.all) throw new ValidationError('say who gets the licence: --group <key> or --all');
        const result = await withHub((hub) =>
          hub.services.licences.grant(
            {
              brin: o.school,
              productName: o.product,
              participantName: o.participant,
              target: o.group ? { groupKey: o.group } : { all: true },
              validFrom: o.from ? parseDate(o.from, '--from') : undefined,
              validUntil: o.until ? parseDate(o.until, '--until') : undefined,
              seats: o.seats ? parsePositiveInt(o.seats, '--seats') : null,
            },
            cliActor(),
          ),
        );
        print(
          cmd,
          result,
          `licence ${result.licence.id} for ${o.product}: ${result.licence.scope === 'all' ? 'whole school' : `group ${o.group}`}, valid ${result.licence.validFrom.toISOString().slice(0, 10)} – ${result.licence.validUntil.toISOString().slice(0, 10)}`,
        );
      }),
    );

  licence
    .command('assign')
    .description('assign a school’s licence to one more group or person (seats are checked)')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--product <name>', 'product name')
    .option('--participant <name>', 'participant, when several have a product of that name')
    .addOption(new Option('--group <key>', 'group LAS key or name').conflicts('username'))
    .addOption(new Option('--username <username>', 'one person, by username').conflicts('group'))
    .action(
      action(async (o: { school: string; product: string; participant?: string; group?: string; username?: string }, cmd: Command) => {
        if (!o.group && !o.username) throw new ValidationError('say whom to assign: --group <key> or --username <username>');
        const result = await withHub(async (hub) => {
          let target: { groupKey: string } | { personId: string };
          if (o.group) target = { groupKey: o.group };
          else {
            const credential = await hub.db.repositories.credentials.findByUsername(o.username!);
            if (!credential?.personId) throw new NotFoundError(`unknown user '${o.username}'`);
            target = { personId: credential.personId };
          }
          return hub.services.licences.assign({ brin: o.school, productName: o.product, participantName: o.participant, target }, cliActor());
        });
        print(cmd, result, `licence ${result.licence.id}: assigned ${o.group ? `group ${o.group}` : o.username}`);
      }),
    );

  licence
    .command('list')
    .description('a school’s licences: product, period, seats used / total, assignments')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .action(
      action(async (o: { school: string }, cmd: Command) => {
        const rows = await withHub((hub) => hub.services.licences.overview(o.school));
        print(
          cmd,
          rows,
          rows.length
            ? rows
                .map((r) => `${r.product.padEnd(24)} ${r.validFrom.slice(0, 10)} – ${r.validUntil.slice(0, 10)}  seats ${r.seatsUsed}/${r.seats ?? '∞'}  ${r.scope === 'all' ? 'whole school' : `${r.groups.length} group(s), ${r.people} person(s)`}${r.current ? '' : '  (not current)'}`)
                .join('\n')
            : 'no licences',
        );
      }),
    );

  const activation = program.command('activation').description('data-transfer permission per school × participant');
  activation
    .command('set')
    .description('turn data transfer to a participant on or off for a school')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--participant <name>', 'participant name')
    .addOption(new Option('--on', 'allow data transfer').conflicts('off'))
    .addOption(new Option('--off', 'stop data transfer').conflicts('on'))
    .action(
      action(async (o: { school: string; participant: string; on?: boolean; off?: boolean }, cmd: Command) => {
        if (!o.on && !o.off) throw new ValidationError('say --on or --off');
        const result = await withHub((hub) => hub.services.licences.setActivation({ brin: o.school, participantName: o.participant, enabled: !!o.on }, cliActor()));
        print(cmd, result, `data transfer to ${o.participant} for ${o.school.toUpperCase()}: ${result.enabled ? 'on' : 'off'}`);
      }),
    );

  activation
    .command('history')
    .description('every switch of data transfer to a participant for a school: on/off, by whom, when')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--participant <name>', 'participant name')
    .action(
      action(async (o: { school: string; participant: string }, cmd: Command) => {
        const rows = await withHub(async (hub) => {
          const repos = hub.db.repositories;
          const school = await findSchoolByBrin(repos, o.school);
          const participant = await findParticipantByName(repos, o.participant);
          return repos.activations.history(school.id, participant.id);
        });
        print(
          cmd,
          rows.map((r) => ({ enabled: r.enabled, changedBy: r.changedBy, changedAt: r.changedAt.toISOString() })),
          rows.length ? rows.map((r) => `${r.changedAt.toISOString()}  ${r.enabled ? 'on ' : 'off'}  by ${r.changedBy}`).join('\n') : 'never switched',
        );
      }),
    );

  registerSpCommands(program, { action, withHub: (work) => withHub(work), print, actor: cliActor });
  registerImportCommands(program, { action, withHub: (work) => withHub(work), print, actor: cliActor, isTty: process.stderr.isTTY === true });

  const keys = program.command('keys').description('SAML signing keys');
  keys
    .command('rotate')
    .description('stage a new signing key (published beside the current one); --activate switches signing to it; --retire removes the old one')
    .addOption(new Option('--activate', 'sign with the staged key from now on').conflicts('retire'))
    .addOption(new Option('--retire', 'remove the old key from the metadata').conflicts('activate'))
    .action(
      action(async (o: { activate?: boolean; retire?: boolean }, cmd: Command) => {
        config ??= loadConfigFromProcess();
        const step = o.activate ? 'activate' : o.retire ? 'retire' : 'stage';
        const message = await rotateSigningKey(config.certsDir, step);
        await withHub(async (hub) => hub.db.repositories.audit.record({ actor: cliActor(), action: `keys.rotate.${step}`, outcome: 'success' }));
        print(cmd, { step, message }, message);
      }),
    );

  program
    .command('ledger')
    .description('the release ledger of a school: which participant received which data categories, for how many people, when')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .option('--participant <name>', 'only this participant')
    .option('--since <date>', 'from this date (e.g. 2026-09-01)')
    .action(
      action(async (o: { school: string; participant?: string; since?: string }, cmd: Command) => {
        const since = o.since ? parseDate(o.since, '--since') : undefined;
        const rows = await withHub(async (hub) => {
          const repos = hub.db.repositories;
          const school = await findSchoolByBrin(repos, o.school);
          const participant = o.participant ? await findParticipantByName(repos, o.participant) : undefined;
          return repos.ledger.list({ schoolId: school.id, participantId: participant?.id, since });
        });
        print(
          cmd,
          rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
          rows.length
            ? rows.map((r) => `${r.occurredAt.toISOString()}  ${r.participantName.padEnd(20)} ${r.channel.padEnd(3)} ${String(r.peopleCount).padStart(5)} people  ${r.categories.join(', ')}`).join('\n')
            : 'no releases recorded',
        );
      }),
    );

  const retention = program.command('retention').description('retention of personal data');
  retention
    .command('run')
    .description('delete people who left the school longer ago than LEAVER_GRACE_DAYS (default 90), destroy schools whose notice has ended, drop idle login counters')
    .option('--dry-run', 'count only')
    .action(
      action(async (o: { dryRun?: boolean }, cmd: Command) => {
        const { result, schools, counters } = await withHub(async (hub) => ({
          result: await hub.services.retention.deleteLeavers(hub.config.leaverGraceDays, cliActor(), { dryRun: !!o.dryRun }),
          schools: await hub.services.retention.destroyTerminatedSchools(cliActor(), { dryRun: !!o.dryRun }),
          counters: o.dryRun ? null : await hub.services.retention.purgeIdleCounters(),
        }));
        print(
          cmd,
          { ...result, dryRun: !!o.dryRun, destroyedSchools: schools, idleLoginCountersRemoved: counters },
          [`${o.dryRun ? 'would delete' : 'deleted'} ${result.deleted} leaver(s)`, ...schools.map((s) => `${o.dryRun ? 'would destroy' : 'destroyed'} school ${s.brin} (agreement terminated): ${s.people} people`)].join('\n'),
        );
      }),
    );

  program
    .command('outbox')
    .description('mail waiting in the outbox (used when SMTP_URL is not set): recipients and bodies, decrypted')
    .action(
      action(async (_o: object, cmd: Command) => {
        const mails = await withHub((hub) => hub.db.repositories.outbox.list());
        print(
          cmd,
          mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
          mails.length ? mails.map((m) => `--- ${m.createdAt.toISOString()} to ${m.to}: ${m.subject}\n${m.body}`).join('\n') : 'the outbox is empty',
        );
      }),
    );

  const user = program.command('user').description('user accounts');
  user
    .command('passwd')
    .description('set a password; reads it from stdin (first line)')
    .requiredOption('--username <username>', 'username')
    .action(
      action(async (o: { username: string }, cmd: Command) => {
        const password = await io.readStdin();
        if (!password) throw new ValidationError('no password on stdin');
        await withHub((hub) => hub.services.accounts.setPassword(o.username, password, cliActor()));
        print(cmd, { username: o.username.trim().toLowerCase(), passwordChanged: true }, `password changed for ${o.username.trim().toLowerCase()}`);
      }),
    );

  registerAccessCommands(program, { action, withHub: (work) => withHub(work), print, actor: cliActor, readStdin: () => io.readStdin() });
  registerAgreementCommands(program, {
    action,
    withHub: (work) => withHub(work),
    print,
    actor: cliActor,
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new ValidationError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
  });

  return {
    program,
    async run(argv: string[]) {
      exitCode = EXIT.ok;
      try {
        await program.parseAsync(argv, { from: 'user' });
      } catch (e) {
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
