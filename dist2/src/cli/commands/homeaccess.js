"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const commander_1 = require("commander");
const errors_1 = require("../../domain/errors");
const present_1 = require("../present");
/** `homeaccess set|networks|email`: logins from outside the school network, its ranges, pupils' home e-mail addresses. */
function register(program, ctx) {
    const homeaccess = program.command('homeaccess').description('home access (thuistoegang)');
    homeaccess
        .command('set')
        .description('allow or stop logins from outside the school network')
        .requiredOption('--school <brin>', 'BRIN of the school')
        .addOption(new commander_1.Option('--on', 'allow home access').conflicts('off'))
        .addOption(new commander_1.Option('--off', 'school network only').conflicts('on'))
        .action(ctx.action(async (o, cmd) => {
        if (!o.on && !o.off)
            throw new errors_1.ValidationError('say --on or --off');
        const updated = await ctx.withHub((hub) => hub.services.schools.setHomeAccess(o.school, !!o.on, ctx.actor()));
        ctx.print(cmd, (0, present_1.describeSchool)(updated), `home access for ${updated.brin}: ${updated.homeAccessEnabled ? 'on' : 'off'}`);
    }));
    homeaccess
        .command('networks')
        .description("show or replace the school's own network ranges (pupils log in only from these while home access is off)")
        .requiredOption('--school <brin>', 'BRIN of the school')
        .addOption(new commander_1.Option('--set <ranges>', 'comma-separated IP ranges (CIDR) or addresses, e.g. 192.0.2.0/24,2001:db8::/48').conflicts('clear'))
        .addOption(new commander_1.Option('--clear', 'remove every range (pupils then log in only with home access on)').conflicts('set'))
        .action(ctx.action(async (o, cmd) => {
        const networks = await ctx.withHub((hub) => o.set !== undefined || o.clear
            ? hub.services.schools.setNetworks(o.school, o.clear ? [] : o.set.split(','), ctx.actor())
            : hub.services.schools.networks(o.school));
        const school = o.school.toUpperCase();
        ctx.print(cmd, { school, networks }, networks.length ? `school network ${school}: ${networks.join(', ')}` : `school network ${school}: none registered`);
    }));
    homeaccess
        .command('email')
        .description("add or remove one of a pupil's (at most two) home-access e-mail addresses, used by parents to log in")
        .requiredOption('--username <username>', "the pupil's username")
        .addOption(new commander_1.Option('--add <email>', 'address to add').conflicts('remove'))
        .addOption(new commander_1.Option('--remove <email>', 'address to remove (ends that parent access at once)').conflicts('add'))
        .action(ctx.action(async (o, cmd) => {
        if (o.add === undefined && o.remove === undefined)
            throw new errors_1.ValidationError('say --add EMAIL or --remove EMAIL');
        const emails = await ctx.withHub((hub) => hub.services.accounts.changeHomeAccessEmail(o.username, { add: o.add, remove: o.remove }, ctx.actor()));
        const username = o.username.trim().toLowerCase();
        ctx.print(cmd, { username, homeAccessEmails: emails.length }, `${username} has ${emails.length} home-access e-mail address(es)`);
    }));
}
//# sourceMappingURL=homeaccess.js.map