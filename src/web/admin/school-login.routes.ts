import express, { type Request, type Response, Router } from 'express';
import multer from 'multer';
import { isAppError, ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import { isExpired, type MetadataLoader, type UpstreamIdpService } from '../../domain/federation/upstream-idp.service';
import {
  UPSTREAM_MATCHES,
  UPSTREAM_ROLES,
  type UpstreamIdp,
  type UpstreamIdpMetadata,
  type UpstreamMatch,
  type UpstreamRoles,
} from '../../domain/federation/upstream';
import { MAX_METADATA_BYTES } from '../../saml/metadata/entity-descriptor';
import { upstreamSpEndpoints } from '../../saml/upstream/sp-metadata';
import { certificateFacts } from '../../saml/xml/signature';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';

/** How the page reads school IdP metadata: from a URL (fetched and checked) or from an uploaded file (checked). */
export interface UpstreamMetadataReader {
  readonly fromUrl: MetadataLoader;
  fromXml(xml: string, trustCertificate: string | null): UpstreamIdpMetadata;
}

/** What the form sent, shown again beside an error. */
interface Values {
  source: 'url' | 'file';
  url: string;
  trustCertificate: string;
  roles: string;
  identifier: string;
  match: string;
  wantAssertionsSigned: boolean;
}

const form = express.urlencoded({ extended: false, limit: '2kb' });
const DONE = ['registered', 'replaced', 'refreshed', 'removed'] as const;

/**
 * "Inloggen met schoolaccount": the delegate registers (or replaces), refreshes and removes the school's
 * own IdP for the delegate's own school only — the school comes from the session, never from the form.
 * Every change goes through UpstreamIdpService, as `leerpoort upstream …` does (same checks, same audit).
 * IdP-initiated login stays an operator's decision (CLI): the form keeps what was set for the same IdP.
 */
export function schoolLoginRoutes(deps: {
  upstreamIdps: UpstreamIdpService;
  upstreamMetadata: UpstreamMetadataReader;
  baseUrl: string;
}): Router {
  const router = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_METADATA_BYTES, files: 1, fields: 10, fieldSize: 16 * 1024 },
  });
  const sp = upstreamSpEndpoints(deps.baseUrl);
  const brinOf = (res: Response) => {
    const { school } = adminOf(res);
    return formatBrin({ brin: school.brin, dependanceCode: school.dependanceCode });
  };
  const current = (res: Response): Promise<UpstreamIdp | null> => deps.upstreamIdps.ofSchool(brinOf(res));

  const page = async (
    req: Request,
    res: Response,
    status: number,
    extra: { error?: string; values?: Values; actionError?: string } = {},
  ) => {
    const idp = await current(res);
    const domains = idp ? await deps.upstreamIdps.domainsOf(brinOf(res)) : [];
    const values: Values = extra.values ?? {
      source: idp?.settings.metadataUrl || !idp ? 'url' : 'file',
      url: idp?.settings.metadataUrl ?? '',
      trustCertificate: idp?.settings.metadataTrustCertificate ?? '',
      roles: idp?.settings.roles ?? 'staff',
      identifier: idp?.settings.identifier ?? 'nameid',
      match: idp?.settings.matchOn ?? 'email',
      wantAssertionsSigned: idp?.wantAssertionsSigned ?? false,
    };
    renderAdmin(
      req,
      res,
      'admin/school-login.njk',
      {
        titleKey: 'idp.title',
        idp: idp && {
          ...idp,
          certificates: idp.signingCertificates.map((c) => certificateFacts(c) ?? { fingerprint: '?', validTo: null }),
          expired: isExpired(idp),
        },
        sp: { ...sp, metadataUrl: sp.entityId },
        domains,
        values,
        roles: UPSTREAM_ROLES,
        matches: UPSTREAM_MATCHES,
        done: DONE.find((d) => d === req.query.done) ?? null,
        maxKb: MAX_METADATA_BYTES / 1024,
        ...extra,
      },
      status,
    );
  };

  /** A refusal the delegate can act on is shown on the page (NL lead, the specific reason); anything else is the error handler's. */
  const refusal = (e: unknown) => isAppError(e) && ['validation', 'not_found', 'conflict'].includes(e.kind);

  router.get('/admin/school-login', (req, res, next) => {
    page(req, res, 200).catch(next);
  });

  // The delegate guard ran already (mounted on /admin); then the multipart body, then its CSRF token.
  router.post(
    '/admin/school-login',
    (req, res, next) =>
      upload.single('file')(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError)
          return page(req, res, 400, {
            error:
              err.code === 'LIMIT_FILE_SIZE'
                ? `Het metadatabestand is groter dan ${MAX_METADATA_BYTES / 1024} kB. / The metadata file is larger than ${MAX_METADATA_BYTES / 1024} kB.`
                : `Upload mislukt / upload failed: ${err.code}`,
          }).catch(next);
        next(err);
      }),
    requireCsrf,
    async (req, res, next) => {
      const text = (name: string, max: number) =>
        typeof req.body?.[name] === 'string' ? (req.body[name] as string).trim().slice(0, max) : '';
      const values: Values = {
        source: text('source', 10) === 'file' ? 'file' : 'url',
        url: text('url', 2000),
        trustCertificate: text('trustCertificate', 12_000),
        roles: text('roles', 40),
        identifier: text('identifier', 300) || 'nameid',
        match: text('match', 40),
        wantAssertionsSigned: text('wantAssertionsSigned', 10) === 'on',
      };
      try {
        const trust = values.trustCertificate || null;
        let metadata: UpstreamIdpMetadata;
        if (values.source === 'file') {
          if (!req.file || req.file.size === 0)
            throw new ValidationError('Kies het metadatabestand van uw IdP. / Choose your IdP’s metadata file.');
          metadata = deps.upstreamMetadata.fromXml(req.file.buffer.toString('utf8'), trust);
        } else {
          // https only (plain http on loopback outside production): the fetch decides, with its address checks.
          if (!values.url) throw new ValidationError('Geef de metadata-URL van uw IdP. / Give your IdP’s metadata URL.');
          metadata = await deps.upstreamMetadata.fromUrl(values.url, trust);
        }
        const before = await current(res);
        const result = await deps.upstreamIdps.register(
          brinOf(res),
          metadata,
          {
            roles: values.roles as UpstreamRoles,
            identifier: values.identifier,
            matchOn: values.match as UpstreamMatch,
            allowUnsolicited: before?.entityId === metadata.entityId ? before.allowUnsolicited : false,
            wantAssertionsSigned: values.wantAssertionsSigned,
            metadataUrl: values.source === 'url' ? values.url : null,
            metadataTrustCertificate: trust,
          },
          adminActor(req, res),
        );
        res.redirect(303, `/admin/school-login?done=${result.created ? 'registered' : 'replaced'}`);
      } catch (e) {
        if (refusal(e)) return page(req, res, (e as { status: number }).status, { error: (e as Error).message, values }).catch(next);
        next(e);
      }
    },
  );

  router.post('/admin/school-login/refresh', form, requireCsrf, async (req, res, next) => {
    try {
      await deps.upstreamIdps.refresh(brinOf(res), deps.upstreamMetadata.fromUrl, adminActor(req, res));
      res.redirect(303, '/admin/school-login?done=refreshed');
    } catch (e) {
      if (refusal(e)) return page(req, res, (e as { status: number }).status, { actionError: (e as Error).message }).catch(next);
      next(e);
    }
  });

  router.post('/admin/school-login/remove', form, requireCsrf, async (req, res, next) => {
    try {
      if (req.body.confirm !== 'yes')
        throw new ValidationError(
          'Vink aan dat u de koppeling wilt verwijderen. / Tick the box to confirm that you want to remove the connection.',
        );
      await deps.upstreamIdps.remove(brinOf(res), adminActor(req, res));
      res.redirect(303, '/admin/school-login?done=removed');
    } catch (e) {
      if (refusal(e)) return page(req, res, (e as { status: number }).status, { actionError: (e as Error).message }).catch(next);
      next(e);
    }
  });

  return router;
}
