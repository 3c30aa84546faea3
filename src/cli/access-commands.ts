import { type Command, Option } from 'commander';
import { amsterdamMidnight } from '../domain/calendar';
import { ValidationError } from '../domain/errors';
import { PASSWORD_PICTURES } from '../domain/identity/pictures';
import type { SpCommandHelpers } from './sp-commands';

/** Home access (networks, pupils' home e-mail addresses), picture passwords and operator accounts. */
export function registerAccessCommands(program: Command, h: SpCommandHelpers & { readStdin: () => Promise<string> }): void {
  const homeaccess = program.commands.find((c) => c.name() === 'homeaccess')!;
  homeaccess
    .command('networks')
    .description("show or replace the school's own network ranges (pupils log in only from these while home access is off)")
    .requiredOption('--school <brin>', 'BRIN of the school')
    .addOption(new Option('--set <ranges>', 'comma-separated IP ranges (CIDR) or addresses, e.g. 192.0.2.0/24,2001:db8::/48').conflicts('clear'))
    .addOption(new Option('--clear', 'remove every range (pupils then log in only with home access on)').conflicts('set'))
    .action(
      h.action(async (o: { school: string; set?: string; clear?: boolean }, cmd: Command) => {
        const networks = await h.withHub((hub) =>
          o.set !== undefined || o.clear ? hub.services.schools.setNetworks(o.school, o.clear ? [] : o.set!.split(','), h.actor()) : hub.services.schools.networks(o.school),
        );
        h.print(cmd, { school: o.school.toUpperCase(), networks }, networks.length ? `school network ${o.school.toUpperCase()}: ${networks.join(', ')}` : `school network ${o.school.toUpperCase()}: none registered`);
      }),
    );
  homeaccess
    .command('email')
    .description("add or remove one of a pupil's (at most two) home-access e-mail addresses, used by parents to log in")
    .requiredOption('--username <username>', "the pupil's username")
    .addOption(new Option('--add <email>', 'address to add').conflicts('remove'))
    .addOption(new Option('--remove <email>', 'address to remove (ends that parent access at once)').conflicts('add'))
    .action(
      h.action(async (o: { username: string; add?: string; remove?: string }, cmd: Command) => {
        if (o.add === undefined && o.remove === undefined) throw new ValidationError('say --add EMAIL or --remove EMAIL');
        const emails = await h.withHub((hub) => hub.services.accounts.changeHomeAccessEmail(o.username, { add: o.add, remove: o.remove }, h.actor()));
        h.print(cmd, { username: o.username.trim().toLowerCase(), homeAccessEmails: emails.length }, `${o.username.trim().toLowerCase()} has ${emails.length} home-access e-mail address(es)`);
      }),
    );

  const user = program.commands.find((c) => c.name() === 'user')!;
  user
    .command('pictures')
    .description("give a pupil a new picture password (and an own picture); prints it once — the old one stops working")
    .requiredOption('--username <username>', "the pupil's username")
    .action(
      h.action(async (o: { username: string }, cmd: Command) => {
        const result = await h.withHub(async (hub) => {
          const person = await hub.services.accounts.personByUsername(o.username);
          return hub.services.pupilLogin.resetPicturePassword(person.id, h.actor());
        });
        const names = result.sequence.map((id) => PASSWORD_PICTURES.find((p) => p.id === id)!.nl);
        h.print(cmd, { username: o.username.trim().toLowerCase(), avatar: result.avatar, sequence: result.sequence }, `picture ${result.avatar}; picture password: ${names.join(' → ')}`);
      }),
    );

  user
    .command('reset-2fa')
    .description("remove an account's two-step verification (lost phone): its sessions end, the owner is mailed and enrols again at the next login; check who asks first")
    .requiredOption('--username <username>', 'the account')
    .action(
      h.action(async (o: { username: string }, cmd: Command) => {
        await h.withHub((hub) => hub.services.twoFactor.resetByOperator(o.username, h.actor()));
        h.print(cmd, { username: o.username.trim().toLowerCase(), twoFactorReset: true }, `two-step verification removed for ${o.username.trim().toLowerCase()}; the owner was mailed and sets up a new one at the next login`);
      }),
    );

  const operator = program.command('operator').description('operator accounts (hub staff; two-step verification is enrolled at first login)');
  operator
    .command('add')
    .description('add an operator; reads the password from stdin (first line)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--email <email>', 'work e-mail address')
    .requiredOption('--role <roles>', 'comma-separated: helpdesk, dba, security_officer (least privilege: only what the work needs)')
    .requiredOption('--username <username>', 'login name')
    .action(
      h.action(async (o: { name: string; email: string; role: string; username: string }, cmd: Command) => {
        const password = await h.readStdin();
        if (!password) throw new ValidationError('no password on stdin');
        const { operator: created } = await h.withHub((hub) => hub.services.accounts.createOperator({ displayName: o.name, email: o.email, roles: o.role.split(',') }, o.username, password, h.actor()));
        h.print(cmd, { id: created.id, username: o.username.trim().toLowerCase(), roles: created.roles }, `operator ${o.username.trim().toLowerCase()} added (${created.roles.join(', ')}); two-step verification is set up at the first login`);
      }),
    );
}

/** `agreement publish|list`: versions of the product & service agreement (art. 10). */
export function registerAgreementCommands(program: Command, h: SpCommandHelpers & { readFile: (file: string) => string }): void {
  const agreement = program.command('agreement').description('the product & service agreement with the schools');
  agreement
    .command('publish')
    .description('publish a new version; it takes effect at least 45 days later (the first version may apply at once); delegates are mailed')
    .requiredOption('--version <version>', 'version label, e.g. 2027.1')
    .requiredOption('--file <file>', 'the agreement text (UTF-8 plain text)')
    .requiredOption('--effective <date>', 'date it takes effect (YYYY-MM-DD, Europe/Amsterdam midnight)')
    .action(
      h.action(async (o: { version: string; file: string; effective: string }, cmd: Command) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(o.effective)) throw new ValidationError('--effective must be a date like 2027-01-01');
        const effectiveFrom = amsterdamMidnight(o.effective);
        const body = h.readFile(o.file);
        const result = await h.withHub((hub) => hub.services.agreements.publish({ version: o.version, body, effectiveFrom }, h.actor()));
        h.print(cmd, { version: result.version.version, effectiveFrom: result.version.effectiveFrom.toISOString(), delegatesNotified: result.notified }, `agreement ${result.version.version} published, in force from ${o.effective}; ${result.notified} delegate(s) notified`);
      }),
    );
  agreement
    .command('list')
    .description('published versions')
    .action(
      h.action(async (_o: unknown, cmd: Command) => {
        const versions = await h.withHub((hub) => hub.db.repositories.agreements.list());
        h.print(cmd, versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom.toISOString(), publishedAt: v.publishedAt.toISOString() })), versions.map((v) => `${v.version}  in force from ${v.effectiveFrom.toISOString().slice(0, 10)}`).join('\n') || 'no agreement published');
      }),
    );
}
