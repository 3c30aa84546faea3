import type { Command } from 'commander';
import { NotFoundError } from '../../domain/errors';
import { findSchoolByBrin } from '../../domain/identity/school.service';
import { spRegistrationFromMetadata } from '../../saml/metadata/sp-onboarding';
import { previewRelease } from '../../saml/preview';
import type { CliContext } from '../context';
import { describeSp } from '../present';
import { readMetadataSource } from '../sp-metadata-source';

interface AddOptions {
  participant: string;
  metadata: string;
  trustCert?: string;
  product?: string[];
  attributes?: string;
  encrypt?: boolean;
  signResponse: boolean;
  allowUnsolicited?: boolean;
}

/** `sp add|list|preview|remove`: the participants' SAML service providers, registered from their metadata. */
export function register(program: Command, ctx: CliContext): void {
  const sp = program.command('sp').description('SAML service providers of participants');
  sp.command('add')
    .description('register (or update) an SP from its metadata')
    .requiredOption('--participant <name>', 'participant the SP belongs to')
    .requiredOption('--metadata <file|url>', 'SP metadata (file, or https URL)')
    .option('--trust-cert <file>', 'PEM certificate the metadata must be signed with')
    .option('--product <name...>', 'products of the participant this SP serves (IdP-initiated launch)')
    .option(
      '--attributes <names>',
      'comma-separated attribute names (urn:oid:… or friendly names) the SP may receive, instead of its RequestedAttributes',
    )
    .option('--encrypt', 'encrypt assertions to the SP’s encryption certificate')
    .option('--no-sign-response', 'sign only the assertion, not the Response around it')
    .option('--allow-unsolicited', 'allow IdP-initiated (unsolicited) responses from the portal')
    .action(
      ctx.action(async (o: AddOptions, cmd: Command) => {
        const xml = await readMetadataSource(o.metadata);
        const trust = o.trustCert ? await readMetadataSource(o.trustCert) : undefined;
        const { registration, signatureVerified } = spRegistrationFromMetadata(xml, {
          trustCertificate: trust,
          attributes: o.attributes,
          signResponse: o.signResponse,
          encryptAssertion: !!o.encrypt,
          allowUnsolicited: !!o.allowUnsolicited,
          httpOnLoopback: !ctx.config().isProduction,
        });
        const result = await ctx.withHub((hub) =>
          hub.services.serviceProviders.register(o.participant, registration, ctx.actor(), o.product ?? []),
        );
        const registered = result.serviceProvider;
        ctx.print(
          cmd,
          { created: result.created, signatureVerified, ...describeSp(registered) },
          `SP ${result.created ? 'registered' : 'updated'}: ${registered.entityId} (${registered.acsEndpoints.length} ACS endpoint(s)` +
            `${signatureVerified ? ', metadata signature verified' : ''})`,
        );
      }),
    );

  sp.command('list')
    .description('list registered SPs')
    .action(
      ctx.action(async (_o: object, cmd: Command) => {
        const all = await ctx.withHub((hub) => hub.db.repositories.serviceProviders.list());
        const human = all.map((s) => `${s.entityId}  ACS: ${s.acsEndpoints.map((e) => e.location).join(', ')}`).join('\n');
        ctx.print(cmd, all.map(describeSp), all.length ? human : 'no SPs registered');
      }),
    );

  sp.command('preview')
    .description('exactly which attributes the SP would receive for a pupil and a teacher of a school')
    .requiredOption('--sp <entityId>', 'entity ID of the SP')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .action(
      ctx.action(async (o: { sp: string; school: string }, cmd: Command) => {
        const preview = await ctx.withHub(async (hub) => {
          const repos = hub.db.repositories;
          const sp = await repos.serviceProviders.findByEntityId(o.sp);
          if (!sp) throw new NotFoundError(`unknown SP '${o.sp}'`);
          const school = await findSchoolByBrin(repos, o.school);
          const participant = (await repos.participants.findById(sp.participantId))!;
          const activation = await repos.activations.find(school.id, participant.id);
          return previewRelease(sp, participant, school, activation?.enabled === true, activation?.acceptedCategories ?? null);
        });
        const human = [
          `${preview.entityId} (${preview.participant}) at school ${preview.school}: ` +
            `data transfer ${preview.activated ? 'ON' : 'OFF — nothing is released'}`,
          ...preview.roles.map((r) => {
            const attributes = r.attributes.map((a) => `${a.friendlyName} (${a.name})`).join(', ');
            return `  ${r.role.padEnd(8)} ${r.attributes.length ? attributes : 'nothing'}`;
          }),
          `  (${preview.note})`,
        ].join('\n');
        ctx.print(cmd, preview, human);
      }),
    );

  sp.command('remove')
    .description('remove an SP (audited)')
    .requiredOption('--entity-id <id>', 'entity ID of the SP')
    .action(
      ctx.action(async (o: { entityId: string }, cmd: Command) => {
        await ctx.withHub((hub) => hub.services.serviceProviders.remove(o.entityId, ctx.actor()));
        ctx.print(cmd, { removed: o.entityId }, `SP removed: ${o.entityId}`);
      }),
    );
}
