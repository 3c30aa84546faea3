import type { Command } from 'commander';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { findSchoolByBrin } from '../../domain/identity/school.service';
import { findParticipantByName } from '../../domain/licensing/participant.service';
import { spRegistrationFromMetadata } from '../../saml/metadata/sp-onboarding';
import { previewOidcRelease, previewRelease } from '../../saml/preview';
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

/** `sp add|list|preview|remove`: the participants' SAML service providers, registered from their metadata (the preview shows a participant's OIDC clients too). */
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
    .description(
      'exactly which attributes an SP would receive for a pupil and a teacher of a school, and what the participant’s OpenID Connect clients could receive',
    )
    .option('--sp <entityId>', 'entity ID of the SP')
    .option('--participant <name>', 'instead of --sp: every SP and OpenID Connect client of the participant (also one with OIDC only)')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .action(
      ctx.action(async (o: { sp?: string; participant?: string; school: string }, cmd: Command) => {
        if (!o.sp === !o.participant) throw new ValidationError('give either --sp or --participant');
        const result = await ctx.withHub(async (hub) => {
          const repos = hub.db.repositories;
          const sp = o.sp ? await repos.serviceProviders.findByEntityId(o.sp) : null;
          if (o.sp && !sp) throw new NotFoundError(`unknown SP '${o.sp}'`);
          const school = await findSchoolByBrin(repos, o.school);
          const participant = sp
            ? (await repos.participants.findById(sp.participantId))!
            : await findParticipantByName(repos, o.participant!);
          const activation = await repos.activations.find(school.id, participant.id);
          const activated = activation?.enabled === true;
          const accepted = activation?.acceptedCategories ?? null;
          const sps = sp ? [sp] : (await repos.serviceProviders.list()).filter((s) => s.participantId === participant.id);
          return {
            participant,
            school,
            activated,
            sps: sps.map((s) => previewRelease(s, participant, school, activated, accepted)),
            oidc: previewOidcRelease(await repos.oidcClients.listForParticipant(participant.id), participant, school, activated, accepted),
          };
        });
        const { participant, school, activated, sps, oidc } = result;
        const roleLines = (roles: ReadonlyArray<{ role: string; categories: readonly string[] }>, names: (r: number) => string) =>
          roles.map((r, i) => `  ${r.role.padEnd(8)} ${r.categories.length ? names(i) : 'nothing'}`);
        const human = [
          `${participant.name} at school ${school.brin}: data transfer ${activated ? 'ON' : 'OFF — nothing is released'}`,
          ...sps.flatMap((p) => [
            `SAML SP ${p.entityId}:`,
            ...roleLines(p.roles, (i) => p.roles[i]!.attributes.map((a) => `${a.friendlyName} (${a.name})`).join(', ')),
            `  (${p.note})`,
          ]),
          ...(oidc
            ? [
                `OpenID Connect: ${oidc.clients.map((c) => `${c.clientId} → ${c.redirectHosts.join(', ')}`).join('; ')}`,
                ...roleLines(oidc.roles, (i) => oidc.roles[i]!.categories.join(', ')),
                `  (${oidc.note})`,
              ]
            : []),
          ...(sps.length === 0 && !oidc ? ['  no SAML SP and no OpenID Connect client: nothing can be released'] : []),
        ].join('\n');
        // --sp keeps its JSON shape (one SP's preview) and adds the participant's OIDC clients.
        const json = o.sp
          ? { ...sps[0]!, oidc }
          : { participant: participant.name, school: school.brin, activated, blockedBy: activated ? null : 'not_activated', sps, oidc };
        ctx.print(cmd, json, human);
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
