import { type Command, Option } from 'commander';
import { ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import type { CliContext } from '../context';
import { describeSchool } from '../present';
import { registerSchoolMisuse } from '../school-misuse';

interface AddOptions {
  brin: string;
  name: string;
  assu?: string;
  street?: string;
  houseNumber?: string;
  postalCode?: string;
  city?: string;
}

/** `school add|set`: register a school; its settings. Misuse and suspension (art. 12): ../school-misuse.ts. */
export function register(program: Command, ctx: CliContext): void {
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
      ctx.action(async (o: AddOptions, cmd: Command) => {
        const address =
          o.street || o.city
            ? { street: o.street ?? '', houseNumber: o.houseNumber ?? '', postalCode: o.postalCode ?? '', city: o.city ?? '' }
            : null;
        if (address && (!address.street || !address.city)) {
          throw new ValidationError('a visiting address needs at least --street and --city');
        }
        const created = await ctx.withHub((hub) =>
          hub.services.schools.add({ brin: o.brin, name: o.name, assuNumber: o.assu ?? null, visitingAddress: address }, ctx.actor()),
        );
        ctx.print(cmd, describeSchool(created), `school ${formatBrin(created)} added: ${created.name} (${created.id})`);
      }),
    );

  school
    .command('set')
    .description('school settings: two-step verification for teachers')
    .requiredOption('--brin <brin>', 'BRIN of the school')
    .addOption(
      new Option('--teacher-2fa <on|off>', 'require two-step verification for teachers').choices(['on', 'off']).makeOptionMandatory(),
    )
    .action(
      ctx.action(async (o: { brin: string; teacher2fa: 'on' | 'off' }, cmd: Command) => {
        const updated = await ctx.withHub((hub) => hub.services.schools.setTeacherTwoFactor(o.brin, o.teacher2fa === 'on', ctx.actor()));
        ctx.print(
          cmd,
          describeSchool(updated),
          `teachers of ${updated.brin} ${updated.teacher2faRequired ? 'must' : 'need not'} use two-step verification`,
        );
      }),
    );

  registerSchoolMisuse(school, ctx);
}
