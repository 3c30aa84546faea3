import express, { type Request, type Response, Router } from 'express';
import multer from 'multer';
import { rotateSigningKeyAudited, type RotationStep, signingKeyStatus } from '../../crypto/key-rotation';
import { ValidationError } from '../../domain/errors';
import type { ServiceProviderService } from '../../domain/federation/service-provider.service';
import type { ParticipantService } from '../../domain/licensing/participant.service';
import type { Repositories } from '../../domain/ports';
import { spRegistrationFromMetadata } from '../../saml/metadata/sp-onboarding';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { currentOperator, operatorActor, requireOperator } from './operator';
import { correctable, field } from './form';

const MAX_METADATA_BYTES = 512 * 1024;

export interface OpsPlatformDependencies {
  readonly repos: Pick<
    Repositories,
    'audit' | 'jobs' | 'oidcClients' | 'operators' | 'outbox' | 'participants' | 'products' | 'serviceProviders'
  >;
  readonly participants: ParticipantService;
  readonly serviceProviders: ServiceProviderService;
  /** Reads SP metadata from an https URL (size cap, timeout): handed in by main.ts, web/ does not fetch itself. */
  readonly fetchMetadata: (url: string) => Promise<string>;
  /** Plain-http SP endpoints on loopback (never in production), as `sp add`. */
  readonly httpOnLoopback: boolean;
  /** Where the SAML signing keys live (CERTS_DIR). */
  readonly certsDir: string;
  /**
   * The running configuration as the operator may see it: names and values of the environment, with no
   * secret (keys, session secret, SMTP and database URLs are named as set / not set). Set in the
   * environment, so shown here, not edited.
   */
  readonly settings: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/**
 * The platform operator's pages (data-processing agreement annex 2 I: DBAs/platform operators manage
 * participants, SPs, keys and jobs, and see no pupil data). Only role `dba`. Each page reads platform
 * facts only — participants, SP metadata, certificates, counts — and every change goes through the same
 * domain service (and audit) as the CLI command it mirrors.
 */
export function opsPlatformRoutes(deps: OpsPlatformDependencies): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const dba = requireOperator(deps.repos, 'dba');
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_METADATA_BYTES, files: 1, fields: 10 } });
  const send = (req: Request, res: Response, view: string, status: number, ctx: Record<string, unknown>) =>
    res
      .status(status)
      .type('html')
      .send(render(view, { csrf: csrfToken(req), done: typeof req.query.done === 'string' ? req.query.done : null, ...ctx }));

  // --- participants -------------------------------------------------------------------------------
  const participantsPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const sps = await deps.repos.serviceProviders.list();
    const oidcClients = await deps.repos.oidcClients.list();
    const participants = (await deps.repos.participants.list()).map((p) => ({
      ...p,
      sps: sps.filter((s) => s.participantId === p.id).length,
      oidcClients: oidcClients.filter((c) => c.participantId === p.id).length,
    }));
    return send(req, res, 'ops-participants.njk', status, { title: 'Deelnemers', participants, values: { name: '' }, ...extra });
  };
  router.get('/ops/participants', dba, (req, res) => participantsPage(req, res, 200));
  router.post('/ops/participants', form, requireCsrf, dba, async (req, res) => {
    const values = {
      name: field(req, 'name').slice(0, 200),
      needsBirthDate: field(req, 'needsBirthDate') === 'on',
      needsGender: field(req, 'needsGender') === 'on',
      needsEmail: field(req, 'needsEmail') === 'on',
    };
    try {
      await deps.participants.add(values, operatorActor(req, currentOperator(res)));
    } catch (e) {
      if (correctable(e)) return participantsPage(req, res, (e as { status: number }).status, { error: (e as Error).message, values });
      throw e;
    }
    res.redirect(303, '/ops/participants?done=added');
  });

  // --- service providers --------------------------------------------------------------------------
  const spsPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const participants = await deps.repos.participants.list();
    const names = new Map(participants.map((p) => [p.id, p.name]));
    const sps = (await deps.repos.serviceProviders.list()).map((s) => ({
      id: s.id,
      entityId: s.entityId,
      participant: names.get(s.participantId) ?? s.participantId,
      acs: s.acsEndpoints.map((e) => e.location),
      attributes: s.attributeAllowList ?? s.requestedAttributes.map((a) => a.friendlyName ?? a.name),
      encrypt: s.encryptAssertion,
      validUntil: s.metadataValidUntil?.toISOString().slice(0, 10) ?? null,
    }));
    return send(req, res, 'ops-sps.njk', status, {
      title: 'Dienstverleners',
      sps,
      participants: participants.map((p) => p.name),
      values: { participant: '', url: '', attributes: '' },
      ...extra,
    });
  };
  router.get('/ops/sps', dba, (req, res) => spsPage(req, res, 200));
  // Role first (no upload is read for a stranger), then the multipart body, then its CSRF token.
  router.post(
    '/ops/sps',
    dba,
    (req, res, next) =>
      upload.single('file')(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError)
          return spsPage(req, res, 400, {
            error:
              err.code === 'LIMIT_FILE_SIZE'
                ? 'Het metadatabestand is groter dan 512 kB. / The metadata file is larger than 512 kB.'
                : `Upload mislukt / upload failed: ${err.code}`,
          });
        next(err);
      }),
    requireCsrf,
    async (req, res) => {
      const values = {
        participant: field(req, 'participant').slice(0, 200),
        url: field(req, 'url').trim().slice(0, 2000),
        attributes: field(req, 'attributes').slice(0, 2000),
        encrypt: field(req, 'encrypt') === 'on',
        allowUnsolicited: field(req, 'allowUnsolicited') === 'on',
      };
      try {
        const file = req.file && req.file.size > 0 ? req.file.buffer.toString('utf8') : null;
        if (!file && !values.url)
          throw new ValidationError('Geef een metadata-URL of kies een bestand. / Give a metadata URL or choose a file.');
        if (file && values.url) throw new ValidationError('Geef een URL óf een bestand, niet beide. / Give a URL or a file, not both.');
        if (!file && !/^https?:\/\//i.test(values.url))
          throw new ValidationError('De metadata-URL moet met https:// beginnen. / The metadata URL must start with https://.');
        const xml = file ?? (await deps.fetchMetadata(values.url));
        const { registration } = spRegistrationFromMetadata(xml, {
          attributes: values.attributes || undefined,
          encryptAssertion: values.encrypt,
          allowUnsolicited: values.allowUnsolicited,
          httpOnLoopback: deps.httpOnLoopback,
        });
        const result = await deps.serviceProviders.register(values.participant, registration, operatorActor(req, currentOperator(res)));
        res.redirect(303, `/ops/sps?done=${result.created ? 'registered' : 'updated'}`);
      } catch (e) {
        if (correctable(e)) return spsPage(req, res, (e as { status: number }).status, { error: (e as Error).message, values });
        throw e;
      }
    },
  );
  router.post('/ops/sps/remove', form, requireCsrf, dba, async (req, res) => {
    try {
      await deps.serviceProviders.remove(field(req, 'entityId'), operatorActor(req, currentOperator(res)));
    } catch (e) {
      if (correctable(e)) return spsPage(req, res, (e as { status: number }).status, { error: (e as Error).message });
      throw e;
    }
    res.redirect(303, '/ops/sps?done=removed');
  });

  // --- signing keys -------------------------------------------------------------------------------
  const keysPage = (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) =>
    send(req, res, 'ops-keys.njk', status, {
      title: 'Sleutels',
      keys: signingKeyStatus(deps.certsDir).map((k) => ({ ...k, validTo: k.validTo.toISOString().slice(0, 10) })),
      ...extra,
    });
  router.get('/ops/keys', dba, (req, res) => keysPage(req, res, 200));
  router.post('/ops/keys/rotate', form, requireCsrf, dba, async (req, res) => {
    const step = field(req, 'step') as RotationStep;
    if (!['stage', 'activate', 'retire'].includes(step)) return keysPage(req, res, 400, { error: 'Onbekende stap. / Unknown step.' });
    try {
      const message = await rotateSigningKeyAudited(deps.certsDir, step, deps.repos.audit, operatorActor(req, currentOperator(res)));
      return keysPage(req, res, 200, { message });
    } catch (e) {
      if (correctable(e)) return keysPage(req, res, (e as { status: number }).status, { error: (e as Error).message });
      throw e;
    }
  });

  // --- settings ---------------------------------------------------------------------------------
  router.get('/ops/settings', dba, (req, res) =>
    send(req, res, 'ops-settings.njk', 200, { title: 'Instellingen', settings: deps.settings }),
  );

  // --- jobs ---------------------------------------------------------------------------------------
  router.get('/ops/jobs', dba, async (req, res) => {
    const outbox = await deps.repos.outbox.stats();
    const at = (d: Date | null) => (d ? d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }) : '–');
    const runs = [];
    // The last run of each platform job as the audit log records it (retention's deletions, key rotation steps).
    for (const action of ['person.delete', 'school.destroy', 'keys.rotate.stage', 'keys.rotate.activate', 'keys.rotate.retire']) {
      // A school deleting one person in its screen is not a job run: only the CLI's and the system's count.
      const [last] = (await deps.repos.audit.list({ action, limit: 50 })).filter((e) => e.actor.type !== 'person');
      runs.push({ action, at: at(last?.occurredAt ?? null), actor: last ? `${last.actor.type}` : '–', outcome: last?.outcome ?? '–' });
    }
    // The scheduled jobs of `serve` (retention, school IdP metadata refresh, …) as their claims record them.
    const scheduled = (await deps.repos.jobs.list()).map((j) => ({
      ...j,
      lastStartedAt: at(j.lastStartedAt),
      lastFinishedAt: at(j.lastFinishedAt),
    }));
    send(req, res, 'ops-jobs.njk', 200, {
      title: 'Taken',
      outbox: { ...outbox, oldestWaitingAt: at(outbox.oldestWaitingAt), lastSentAt: at(outbox.lastSentAt) },
      runs,
      scheduled,
    });
  });

  return router;
}
