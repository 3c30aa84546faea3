import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Keyring } from '../crypto/field-cipher';
import { AppError, ConflictError, NotFoundError, ValidationError, isAppError } from '../domain/errors';
import type { ApiClientService } from '../domain/federation/api-client.service';
import type { ParticipantService } from '../domain/licensing/participant.service';
import { coveredPeople } from '../domain/licensing/seats';
import type { Participant, Person, School } from '../domain/model';
import type { Repositories, UnitOfWork } from '../domain/ports';
import type { Logger } from '../logger';
import { ConcurrencyGate } from './concurrency-gate';
import { OPENAPI_DOCUMENT } from './openapi';
import { activatedSchool, pseudonymIndex, rosterPage } from './roster';
import { TOKEN_LIFETIME_SECONDS, type TokenService } from './tokens';
import { pairwisePseudonym } from '../crypto/field-cipher';

export const RATE_LIMIT_PER_MINUTE = 600;
const MAX_PAGE = 500;

export interface ApiDependencies {
  readonly repos: Repositories;
  readonly uow: UnitOfWork;
  readonly keyring: Keyring;
  readonly clients: ApiClientService;
  readonly tokens: TokenService;
  readonly participants: ParticipantService;
  readonly logger: Logger;
}

class RateLimitedError extends AppError {
  readonly kind = 'unavailable' as const;
  constructor(readonly retryAfter: number) {
    super(`rate limit of ${RATE_LIMIT_PER_MINUTE} requests per minute exceeded; retry after ${retryAfter} s`);
  }
  override get status() {
    return 429;
  }
}

class UnauthorizedError extends AppError {
  readonly kind = 'forbidden' as const;
  override get status() {
    return 401;
  }
}

interface Caller {
  clientId: string;
  participant: Participant;
}

const paging = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    changedSince: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

const productBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    method: z.string().trim().max(200).nullable().optional(),
    iconUrl: z.url({ protocol: /^https$/ }).nullable().optional(),
    launchUrl: z.url({ protocol: /^https$/ }).nullable().optional(),
    isTeacherApp: z.boolean().optional(),
    isTestApp: z.boolean().optional(),
  })
  .strict();

const userRefs = z
  .object({
    users: z
      .array(z.union([z.object({ sourcedId: z.string().min(1).max(100) }).strict(), z.object({ eckId: z.string().min(1).max(512) }).strict()]))
      .min(1)
      .max(1000),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
  return r.data;
}

export function apiRoutes(deps: ApiDependencies): Router {
  const { repos } = deps;
  const router = Router();
  const json = express.json({ limit: '512kb', strict: true, type: 'application/json' });
  const hashingGate = new ConcurrencyGate(2, 4);

  router.get('/openapi.json', (_req, res) => {
    res.json(OPENAPI_DOCUMENT);
  });

  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      let clientId = typeof req.body?.client_id === 'string' ? req.body.client_id : '';
      let clientSecret = typeof req.body?.client_secret === 'string' ? req.body.client_secret : '';
      const basic = /^Basic (.+)$/i.exec(req.get('authorization') ?? '');
      if (basic) {
        const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id ?? '');
        clientSecret = decodeURIComponent(secret ?? '');
      }
      res.setHeader('Cache-Control', 'no-store');
      if (req.body?.grant_type !== 'client_credentials') return res.status(400).json({ error: 'unsupported_grant_type', error_description: 'only grant_type=client_credentials' });
      // At most two verifications at once per process (a short queue behind them): a flood from many
      // addresses is turned away at once and leaves hashing threads for real logins.
      const gated = await hashingGate.run(() => deps.clients.authenticate(clientId, clientSecret, req.ip));
      const result = gated?.value ?? ({ ok: false, reason: 'throttled', retryAfterSeconds: 1 } as const);
      if (!result.ok) {
        await repos.audit.record({ actor: { type: 'anonymous', id: 'api', ip: req.ip ?? null }, action: 'api.token', outcome: 'failure', details: { reason: gated ? result.reason : 'busy' } });
        if (result.reason === 'throttled') {
          res.setHeader('Retry-After', String(result.retryAfterSeconds));
          return res.status(429).json({ error: 'rate_limited', error_description: `too many attempts; retry after ${result.retryAfterSeconds} s` });
        }
        return res.status(401).json({ error: 'invalid_client', error_description: 'unknown client or wrong secret' });
      }
      const client = result.client;
      const token = await deps.tokens.issue({ clientId: client.clientId, participantId: client.participantId });
      await repos.apiClients.touch(client.clientId, new Date());
      res.json({ access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS });
    } catch (e) {
      next(e);
    }
  });

  /** Bearer token → the calling participant; then the per-client rate limit. */
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const bearer = /^Bearer ([A-Za-z0-9._-]+)$/.exec(req.get('authorization') ?? '');
      const claims = bearer ? await deps.tokens.verify(bearer[1]!) : null;
      if (!claims) throw new UnauthorizedError('a valid Bearer access token is required (POST /api/v1/oauth/token)');
      const client = await repos.apiClients.find(claims.clientId);
      const participant = client && !client.revokedAt ? await repos.participants.findById(client.participantId) : null;
      if (!client || !participant || participant.id !== claims.participantId) throw new UnauthorizedError('this client has been revoked');
      const now = Date.now();
      const windowStart = new Date(now - (now % 60_000));
      if ((await repos.rateLimits.hit(client.clientId, windowStart)) > RATE_LIMIT_PER_MINUTE) {
        throw new RateLimitedError(Math.ceil((windowStart.getTime() + 60_000 - now) / 1000));
      }
      res.locals.caller = { clientId: client.clientId, participant } satisfies Caller;
      next();
    } catch (e) {
      next(e);
    }
  };

  const caller = (res: Response) => res.locals.caller as Caller;
  const schoolOr404 = async (res: Response, brin: string): Promise<School> => {
    const school = await activatedSchool(repos, caller(res).participant.id, brin.toUpperCase());
    if (!school) throw new NotFoundError(`no school ${brin} for this participant`);
    return school;
  };
  const handle = (fn: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.json(await fn(req, res));
    } catch (e) {
      next(e);
    }
  };
  const schoolResource = (s: School) => ({ sourcedId: s.id, brin: s.dependanceCode === '00' ? s.brin : `${s.brin}${s.dependanceCode}`, name: s.name, assuNumber: s.assuNumber, visitingAddress: s.visitingAddress });

  router.get(
    '/schools',
    authenticate,
    handle(async (_req, res) => {
      const schools: School[] = [];
      for (const a of await repos.activations.enabledFor(caller(res).participant.id)) {
        const s = await repos.schools.findById(a.schoolId);
        if (s) schools.push(s);
      }
      return { schools: schools.map(schoolResource) };
    }),
  );

  router.get('/schools/:brin', authenticate, handle(async (req, res) => ({ school: schoolResource(await schoolOr404(res, String(req.params.brin))) })));

  router.get(
    '/schools/:brin/groups',
    authenticate,
    handle(async (req, res) => {
      const school = await schoolOr404(res, String(req.params.brin));
      return { classes: (await repos.groups.listBySchool(school.id)).map((g) => ({ sourcedId: g.lasKey, title: g.name, grades: g.yearGroup === null ? [] : [String(g.yearGroup)], classType: g.kind === 'stamgroep' ? 'homeroom' : 'scheduled' })) };
    }),
  );

  const roster = (roles: ReadonlyArray<Person['role']>) =>
    handle(async (req, res) => {
      const school = await schoolOr404(res, String(req.params.brin));
      const q = parse(paging, req.query, 'query');
      const { participant, clientId } = caller(res);
      const page = await rosterPage({ repos, keyring: deps.keyring }, { participant, school, roles, changedSince: q.changedSince ? new Date(q.changedSince) : null, limit: q.limit, offset: q.offset, now: new Date() });
      if (page.users.length > 0) {
        await repos.ledger.recordWithAudit(
          { schoolId: school.id, participantId: participant.id, apiClientId: clientId, channel: 'api', categories: page.categories, peopleCount: page.users.length },
          { actor: { type: 'sp', id: clientId, ip: req.ip ?? null }, action: 'api.roster', outcome: 'success', schoolId: school.id, details: { roles, categories: page.categories, people: page.users.length } },
        );
      }
      return { users: page.users, paging: { limit: q.limit, offset: q.offset, total: page.total } };
    });
  router.get('/schools/:brin/pupils', authenticate, roster(['pupil']));
  router.get('/schools/:brin/staff', authenticate, roster(['teacher', 'delegate']));

  router.get(
    '/schools/:brin/licences',
    authenticate,
    handle(async (req, res) => {
      const school = await schoolOr404(res, String(req.params.brin));
      const { participant } = caller(res);
      const products = new Map((await repos.products.listByParticipant(participant.id)).map((p) => [p.id, p]));
      const out = [];
      for (const l of await repos.licences.listBySchool(school.id)) {
        const product = products.get(l.productId);
        if (!product) continue;
        const assignments = await repos.licences.assignments(l.id);
        const groups = await Promise.all(assignments.filter((a) => a.groupId).map((a) => repos.groups.findById(a.groupId!)));
        out.push({
          sourcedId: l.id,
          product: { sourcedId: product.id, name: product.name },
          validFrom: l.validFrom.toISOString(),
          validUntil: l.validUntil.toISOString(),
          seats: l.seats,
          seatsUsed: (await coveredPeople(repos, l)).size,
          scope: l.scope,
          assignedClasses: groups.filter((g) => g).map((g) => g!.lasKey),
          assignedUsers: assignments.filter((a) => a.personId).map((a) => pairwisePseudonym(deps.keyring, participant.id, a.personId!)),
        });
      }
      return { licences: out };
    }),
  );

  router.get(
    '/permissions',
    authenticate,
    handle(async (req, res) => {
      const q = parse(z.object({ since: z.iso.datetime({ offset: true }) }).strict(), req.query, 'query');
      const changes = await repos.activations.changesFor(caller(res).participant.id, new Date(q.since));
      const brins = new Map<string, string>();
      for (const c of changes) if (!brins.has(c.schoolId)) brins.set(c.schoolId, (await repos.schools.findById(c.schoolId))?.brin ?? 'unknown');
      return { permissions: changes.map((c) => ({ school: brins.get(c.schoolId), granted: c.enabled, at: c.changedAt.toISOString() })) };
    }),
  );

  // Hosted licence office: the participant's own products and the access it grants.
  router.get('/products', authenticate, handle(async (_req, res) => ({ products: await repos.products.listByParticipant(caller(res).participant.id) })));

  router.post('/products', authenticate, json, async (req, res) => {
    const { participant, clientId } = caller(res);
    const product = await deps.participants.addProductFor(participant, parse(productBody, req.body, 'body'), { type: 'sp', id: clientId });
    res.status(201).json({ product });
  });

  router.patch(
    '/products/:productId',
    authenticate,
    json,
    handle(async (req, res) => {
      const { participant, clientId } = caller(res);
      return { product: await deps.participants.updateProduct(participant, String(req.params.productId), parse(productBody.partial(), req.body, 'body'), { type: 'sp', id: clientId }) };
    }),
  );

  /** Bulk grant or revoke: all-or-nothing; every user must resolve to a person of this school. */
  const bulk = (mode: 'grant' | 'revoke') =>
    handle(async (req, res) => {
      const school = await schoolOr404(res, String(req.params.brin));
      const body = parse(userRefs, req.body, 'body');
      const { participant, clientId } = caller(res);
      const licence = await repos.licences.findById(String(req.params.licenceId));
      const productIds = new Set((await repos.products.listByParticipant(participant.id)).map((p) => p.id));
      if (!licence || licence.schoolId !== school.id || !productIds.has(licence.productId)) throw new NotFoundError('no such licence for this school and participant');
      if (licence.scope === 'all') throw new ValidationError('this licence covers the whole school; there is nothing to grant or revoke per person');
      const index = body.users.some((u) => 'sourcedId' in u) ? await pseudonymIndex({ repos, keyring: deps.keyring }, school, participant.id) : new Map<string, Person>();
      const people: Person[] = [];
      const unresolved: string[] = [];
      for (const ref of body.users) {
        const person = 'sourcedId' in ref ? index.get(ref.sourcedId) : await repos.people.findByEckId(ref.eckId);
        if (!person || person.schoolId !== school.id) unresolved.push('sourcedId' in ref ? ref.sourcedId : ref.eckId);
        else people.push(person);
      }
      if (unresolved.length) throw new ValidationError(`not a person of school ${school.brin}: ${unresolved.slice(0, 10).join(', ')}${unresolved.length > 10 ? ` (+${unresolved.length - 10} more)` : ''}`);
      const changed = await deps.uow.run(async (tx) => {
        const existing = new Set((await tx.licences.assignments(licence.id)).filter((a) => a.personId).map((a) => a.personId!));
        let n = 0;
        for (const p of people) {
          if (mode === 'grant' && !existing.has(p.id)) {
            await tx.licences.assign(licence.id, { personId: p.id });
            existing.add(p.id);
            n++;
          } else if (mode === 'revoke' && (await tx.licences.unassignPerson(licence.id, p.id))) n++;
        }
        if (mode === 'grant' && licence.seats !== null) {
          const used = (await coveredPeople(tx, licence)).size;
          if (used > licence.seats) throw new ConflictError(`more assignments than seats: this would cover ${used} people, the licence has ${licence.seats} seats`);
        }
        await tx.audit.record({ actor: { type: 'sp', id: clientId }, action: `licence.${mode}`, outcome: 'success', schoolId: school.id, targetType: 'licence', targetId: licence.id, details: { people: n } });
        return n;
      });
      return { licence: licence.id, [mode === 'grant' ? 'granted' : 'revoked']: changed };
    });
  router.post('/schools/:brin/licences/:licenceId/grants', authenticate, json, bulk('grant'));
  router.post('/schools/:brin/licences/:licenceId/revocations', authenticate, json, bulk('revoke'));

  router.use((req, _res, next) => next(new NotFoundError(`no such API resource: ${req.method} ${req.path}`)));

  // JSON errors only, with the status the error carries.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let e: unknown = err;
    if ((err as { type?: string }).type === 'entity.parse.failed') e = new ValidationError(`malformed JSON: ${(err as Error).message}`);
    else if ((err as { type?: string }).type === 'entity.too.large') e = new ValidationError('request body too large');
    const known = isAppError(e) ? e : null;
    const status = known ? known.status : 500;
    if (e instanceof RateLimitedError) res.setHeader('Retry-After', String(e.retryAfter));
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    (status >= 500 ? deps.logger.error.bind(deps.logger) : deps.logger.warn.bind(deps.logger))({ requestId: res.locals.requestId, path: req.path, status, err: known ? { kind: known.kind, message: known.publicMessage } : e }, 'API request failed');
    res.status(status).json({ error: known ? (status === 429 ? 'rate_limited' : status === 401 ? 'unauthorized' : known.kind) : 'internal', message: known ? known.publicMessage : 'internal error', requestId: res.locals.requestId });
  });
  return router;
}
