import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import type { RegisteredUpstreamIdp } from '../../domain/federation/upstream-idp.service';
import { UPSTREAM_MATCHES, UPSTREAM_ROLES, type UpstreamMatch, type UpstreamRoles } from '../../domain/federation/upstream';
import { parseIdpMetadata } from '../../saml/upstream/idp-metadata';
import type { CliContext } from '../context';
import { readMetadataSource } from '../sp-metadata-source';

interface AddOptions {
  school: string;
  metadata: string;
  trustCert?: string;
  roles: string;
  identifier: string;
  match: string;
  allowUnsolicited?: boolean;
  wantAssertionsSigned?: boolean;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** What list/add print: the registration, never the metadata text or certificates themselves. */
function describe(r: RegisteredUpstreamIdp) {
  const { idp, school } = r;
  return {
    school: formatBrin(school),
    schoolName: school.name,
    entityId: idp.entityId,
    ssoUrl: idp.ssoUrl,
    /** Where the hub sends its LogoutRequests (null: the IdP offers no Single Logout). */
    sloUrl: idp.sloEndpoints[0]?.location ?? null,
    signingCertificates: idp.signingCertificates.length,
    validUntil: idp.validUntil?.toISOString() ?? null,
    metadataUrl: idp.settings.metadataUrl,
    metadataSignatureRequired: idp.settings.metadataTrustCertificate !== null,
    metadataFetchedAt: idp.metadataFetchedAt.toISOString(),
    lastRefresh: idp.lastRefresh && { at: idp.lastRefresh.at.toISOString(), error: idp.lastRefresh.error },
    roles: idp.settings.roles,
    identifier: idp.settings.identifier,
    match: idp.settings.matchOn,
    allowUnsolicited: idp.allowUnsolicited,
    wantAssertionsSigned: idp.wantAssertionsSigned,
  };
}

/** `upstream add|list|remove|refresh`: schools' own IdPs (the hub is SP towards them). */
export function register(program: Command, ctx: CliContext): void {
  const upstream = program.command('upstream').description("schools' own identity providers (log in with the school account)");
  const httpOnLoopback = () => !ctx.config().isProduction;

  upstream
    .command('add')
    .description("register (or replace) a school's IdP from its metadata (audited)")
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--metadata <file|url>', 'IdP metadata (file, or https URL — then `refresh` fetches it again)')
    .option('--trust-cert <file>', 'PEM certificate the metadata must be signed with (checked on every refresh)')
    .option('--roles <roles>', `who may use it: ${UPSTREAM_ROLES.join(' | ')}`, 'staff')
    .option('--identifier <name>', "'nameid' or the attribute carrying the person's identifier", 'nameid')
    .requiredOption('--match <field>', `roster field the identifier is matched to: ${UPSTREAM_MATCHES.join(' | ')}`)
    .option('--allow-unsolicited', 'accept IdP-initiated (unsolicited) Responses from this IdP')
    .option('--want-assertions-signed', 'require the Assertion itself to be signed (not only the Response)')
    .action(
      ctx.action(async (o: AddOptions, cmd: Command) => {
        if (!UPSTREAM_ROLES.includes(o.roles as UpstreamRoles))
          throw new ValidationError(`--roles must be one of ${UPSTREAM_ROLES.join(', ')}`);
        if (!UPSTREAM_MATCHES.includes(o.match as UpstreamMatch))
          throw new ValidationError(`--match must be one of ${UPSTREAM_MATCHES.join(', ')}`);
        const xml = await readMetadataSource(o.metadata);
        const trust = o.trustCert ? ctx.readFile(o.trustCert) : null;
        const metadata = parseIdpMetadata(xml, { trustCertificate: trust, httpOnLoopback: httpOnLoopback() });
        const result = await ctx.withHub((hub) =>
          hub.services.upstreamIdps.register(
            o.school,
            metadata,
            {
              roles: o.roles as UpstreamRoles,
              identifier: o.identifier,
              matchOn: o.match as UpstreamMatch,
              allowUnsolicited: !!o.allowUnsolicited,
              wantAssertionsSigned: !!o.wantAssertionsSigned,
              metadataUrl: isUrl(o.metadata) ? o.metadata : null,
              metadataTrustCertificate: trust,
            },
            ctx.actor(),
          ),
        );
        const d = describe({ idp: result.idp, school: result.school });
        ctx.print(
          cmd,
          { created: result.created, signatureVerified: metadata.signatureVerified, ...d },
          `IdP of school ${d.school} ${result.created ? 'registered' : 'replaced'}: ${d.entityId} (${d.signingCertificates} signing certificate(s)` +
            `${metadata.signatureVerified ? ', metadata signature verified' : ''})`,
        );
      }),
    );

  upstream
    .command('list')
    .description("list schools' registered IdPs")
    .action(
      ctx.action(async (_o: object, cmd: Command) => {
        const all = (await ctx.withHub((hub) => hub.services.upstreamIdps.list())).map(describe);
        const human = all
          .map(
            (d) =>
              `${d.school}  ${d.entityId}  roles=${d.roles} ${d.identifier}→${d.match}${d.validUntil ? `  valid until ${d.validUntil}` : ''}`,
          )
          .join('\n');
        ctx.print(cmd, all, all.length ? human : 'no school IdPs registered');
      }),
    );

  upstream
    .command('remove')
    .description("remove a school's IdP (audited); its users log in with the hub's own accounts again")
    .requiredOption('--school <brin>', 'BRIN of the school')
    .action(
      ctx.action(async (o: { school: string }, cmd: Command) => {
        const r = await ctx.withHub((hub) => hub.services.upstreamIdps.remove(o.school, ctx.actor()));
        ctx.print(
          cmd,
          { removed: r.idp.entityId, school: formatBrin(r.school) },
          `IdP of school ${formatBrin(r.school)} removed: ${r.idp.entityId}`,
        );
      }),
    );

  upstream
    .command('refresh')
    .description("fetch a school IdP's metadata again from its URL (new certificates, validUntil; audited)")
    .requiredOption('--school <brin>', 'BRIN of the school')
    .action(
      ctx.action(async (o: { school: string }, cmd: Command) => {
        const r = await ctx.withHub((hub) =>
          hub.services.upstreamIdps.refresh(
            o.school,
            async (url, trust) =>
              parseIdpMetadata(await readMetadataSource(url), { trustCertificate: trust, httpOnLoopback: httpOnLoopback() }),
            ctx.actor(),
          ),
        );
        const d = describe({ idp: r.idp, school: r.school });
        ctx.print(
          cmd,
          { ...d, certificatesChanged: r.certificatesChanged },
          `IdP of school ${d.school} refreshed: ${d.signingCertificates} signing certificate(s)${r.certificatesChanged ? ' (changed)' : ''}`,
        );
      }),
    );
}
