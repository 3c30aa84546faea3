import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors';
import type { SubProcessor } from '../../domain/model';
import type { OidcClientRecord } from '../../domain/federation/oidc-client';
import type { CliContext } from '../context';
import { collect } from '../options';
import { describeOidcClient } from '../present';

/** `--sub-processor "name|purpose|location"`. */
function subProcessor(text: string): SubProcessor {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => p === ''))
    throw new ValidationError(`--sub-processor '${text}' must be "name|purpose|location", e.g. "Hosting BV|hosting|Amsterdam, NL"`);
  return { name: parts[0]!, purpose: parts[1]!, location: parts[2]! };
}

/** `participant add|annex|credentials|oidc-client`: publishers, their roster API credentials and their OpenID Connect clients. */
export function register(program: Command, ctx: CliContext): void {
  const participant = program.command('participant').description('participants (publishers)');
  participant
    .command('add')
    .description('register a participant')
    .requiredOption('--name <name>', 'participant name')
    .option('--needs-birth-date', 'the participant demonstrably needs pupils’ birth dates')
    .option('--needs-gender', 'the participant demonstrably needs gender')
    .option('--needs-email', 'the participant demonstrably needs staff e-mail addresses')
    .action(
      ctx.action(async (o: { name: string; needsBirthDate?: boolean; needsGender?: boolean; needsEmail?: boolean }, cmd: Command) => {
        const created = await ctx.withHub((hub) =>
          hub.services.participants.add(
            { name: o.name, needsBirthDate: !!o.needsBirthDate, needsGender: !!o.needsGender, needsEmail: !!o.needsEmail },
            ctx.actor(),
          ),
        );
        ctx.print(cmd, created, `participant added: ${created.name} (${created.id})`);
      }),
    );

  const annex = participant
    .command('annex')
    .description('the participant’s privacy annex (annex 1 D): categories, purposes, sub-processors, storage');
  annex
    .command('set')
    .description(
      'declare or change the annex (options not given keep their value); a change that adds categories reaches a school only after its delegate accepts it in /admin',
    )
    .requiredOption('--name <name>', 'participant name')
    .option('--categories <list>', 'comma-separated data categories, e.g. firstName,infix,lastName,groupName,brin')
    .option('--purpose <text>', 'a purpose of the processing (repeat for more; replaces the purposes)', collect)
    .option('--sub-processor <name|purpose|location>', 'a sub-processor (repeat for more; replaces them)', collect)
    .option('--no-sub-processors', 'the participant engages no sub-processors')
    .option('--storage-location <text>', 'where the data is stored, e.g. "Nederland (EU)"')
    .action(
      ctx.action(
        async (
          o: {
            name: string;
            categories?: string;
            purpose?: string[];
            subProcessor?: string[];
            subProcessors?: boolean;
            storageLocation?: string;
          },
          cmd: Command,
        ) => {
          const input = {
            categories: o.categories
              ?.split(',')
              .map((c) => c.trim())
              .filter(Boolean),
            purposes: o.purpose,
            subProcessors: o.subProcessors === false ? [] : o.subProcessor?.map(subProcessor),
            storageLocation: o.storageLocation,
          };
          const change = await ctx.withHub((hub) => hub.services.privacyAnnex.set(o.name, input, ctx.actor()));
          ctx.print(
            cmd,
            change,
            [
              `annex of ${change.participant}: ${change.annex.categories.join(', ')}`,
              change.added.length ? `added: ${change.added.join(', ')}` : null,
              change.removed.length ? `removed: ${change.removed.join(', ')}` : null,
              change.schoolsToAccept
                ? `${change.schoolsToAccept} school(s) keep the categories they accepted until their delegate accepts the change (DPA art. 13.3)`
                : null,
            ]
              .filter(Boolean)
              .join('\n'),
          );
        },
      ),
    );
  annex
    .command('show')
    .description('the annex as published (and the categories in force when none was declared)')
    .requiredOption('--name <name>', 'participant name')
    .action(
      ctx.action(async (o: { name: string }, cmd: Command) => {
        const { participant: p, categories } = await ctx.withHub((hub) => hub.services.privacyAnnex.show(o.name));
        const out = { participant: p.name, declared: p.annex !== null, categories, annex: p.annex };
        ctx.print(
          cmd,
          out,
          p.annex
            ? [
                `${p.name}: ${out.categories.join(', ')}`,
                ...p.annex.purposes.map((x) => `purpose: ${x}`),
                ...p.annex.subProcessors.map((x) => `sub-processor: ${x.name} (${x.purpose}; ${x.location})`),
                `storage: ${p.annex.storageLocation}`,
              ].join('\n')
            : `${p.name}: no annex declared; in force: ${out.categories.join(', ')}`,
        );
      }),
    );

  participant
    .command('credentials')
    .description('issue OAuth2 client credentials for the roster API (the secret is shown once)')
    .requiredOption('--name <name>', 'participant name')
    .action(
      ctx.action(async (o: { name: string }, cmd: Command) => {
        const creds = await ctx.withHub((hub) => hub.services.apiClients.issue(o.name, ctx.actor()));
        ctx.print(
          cmd,
          creds,
          `client_id:     ${creds.clientId}\nclient_secret: ${creds.clientSecret}\n(store the secret now: the hub keeps only a hash)`,
        );
      }),
    );

  registerOidcClients(participant, ctx);
}

interface OidcAddOptions {
  participant: string;
  redirectUri: string[];
  postLogoutRedirectUri?: string[];
  backchannelLogoutUri?: string;
  auth?: string;
  jwksFile?: string;
  allowRefreshTokens?: boolean;
}

/** One client in a line or two: id, how it authenticates, where it sends people back to. */
const oidcClientLines = (c: OidcClientRecord) =>
  [
    `${c.clientId}  ${c.tokenEndpointAuthMethod}${c.refreshTokensAllowed ? '  refresh tokens' : ''}`,
    `  redirect: ${c.redirectUris.join(', ')}`,
    c.postLogoutRedirectUris.length ? `  after logout: ${c.postLogoutRedirectUris.join(', ')}` : null,
    c.backchannelLogoutUri ? `  back-channel logout: ${c.backchannelLogoutUri}` : null,
  ]
    .filter(Boolean)
    .join('\n');

/** `participant oidc-client add|list|remove|rotate-secret` (issue 18): the rules live in OidcClientService. */
function registerOidcClients(participant: Command, ctx: CliContext): void {
  const oidc = participant
    .command('oidc-client')
    .description('OpenID Connect clients of a participant (authorization code flow with PKCE, exact redirect URIs)');
  oidc
    .command('add')
    .description('register an OIDC client; a generated secret is shown once (the hub keeps only an argon2id hash)')
    .requiredOption('--participant <name>', 'participant name')
    .requiredOption('--redirect-uri <url>', 'an https redirect URI, matched exactly (repeat for more)', collect)
    .option('--post-logout-redirect-uri <url>', 'where the client may send people after logout (repeat for more)', collect)
    .option('--backchannel-logout-uri <url>', 'https URI the hub posts logout tokens to')
    .option('--auth <method>', 'client_secret_basic (default), client_secret_post or private_key_jwt')
    .option('--jwks-file <file>', "the client's public keys (JWKS, JSON) for private_key_jwt")
    .option('--allow-refresh-tokens', 'the participant may receive refresh tokens')
    .action(
      ctx.action(async (o: OidcAddOptions, cmd: Command) => {
        const jwks = o.jwksFile ? ctx.readFile(o.jwksFile) : null;
        const issued = await ctx.withHub((hub) =>
          hub.services.oidcClients.add(
            { name: o.participant },
            {
              redirectUris: o.redirectUri,
              postLogoutRedirectUris: o.postLogoutRedirectUri ?? [],
              backchannelLogoutUri: o.backchannelLogoutUri ?? null,
              tokenEndpointAuthMethod: o.auth ?? null,
              jwks,
              refreshTokensAllowed: !!o.allowRefreshTokens,
            },
            ctx.actor(),
          ),
        );
        ctx.print(
          cmd,
          { ...describeOidcClient(issued.client, issued.participant.name), clientSecret: issued.clientSecret },
          [
            `OIDC client added for ${issued.participant.name}:`,
            oidcClientLines(issued.client),
            issued.clientSecret
              ? `client_secret: ${issued.clientSecret}\n(store the secret now: the hub keeps only a hash)`
              : `authenticates with its ${issued.client.jwks?.keys.length ?? 0} registered public key(s)`,
          ].join('\n'),
        );
      }),
    );
  oidc
    .command('list')
    .description("a participant's OIDC clients (never a secret)")
    .requiredOption('--participant <name>', 'participant name')
    .action(
      ctx.action(async (o: { participant: string }, cmd: Command) => {
        const { participant: p, clients } = await ctx.withHub((hub) => hub.services.oidcClients.list({ name: o.participant }));
        ctx.print(
          cmd,
          clients.map((c) => describeOidcClient(c, p.name)),
          clients.length ? clients.map(oidcClientLines).join('\n') : `${p.name} has no OIDC clients`,
        );
      }),
    );
  oidc
    .command('remove')
    .description('remove an OIDC client: no new logins or tokens for it (audited)')
    .requiredOption('--client-id <id>', 'client id (lp-…)')
    .action(
      ctx.action(async (o: { clientId: string }, cmd: Command) => {
        const removed = await ctx.withHub((hub) => hub.services.oidcClients.remove(o.clientId, ctx.actor()));
        ctx.print(cmd, { removed: removed.clientId }, `OIDC client removed: ${removed.clientId}`);
      }),
    );
  oidc
    .command('rotate-secret')
    .description('a new client secret, shown once; the old one stops working at once (audited)')
    .requiredOption('--client-id <id>', 'client id (lp-…)')
    .action(
      ctx.action(async (o: { clientId: string }, cmd: Command) => {
        const issued = await ctx.withHub((hub) => hub.services.oidcClients.rotateSecret(o.clientId, ctx.actor()));
        ctx.print(
          cmd,
          { clientId: issued.client.clientId, clientSecret: issued.clientSecret },
          `client_id:     ${issued.client.clientId}\nclient_secret: ${issued.clientSecret}\n(store the secret now: the old one no longer works; the hub keeps only a hash)`,
        );
      }),
    );
}
