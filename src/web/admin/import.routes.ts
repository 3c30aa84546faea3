import express, { type Request, type Response, Router } from 'express';
import multer from 'multer';
import { ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import type { ImportSummary, NewAccount, RosterImportService } from '../../domain/roster/import.service';
import type { Roster } from '../../domain/roster/roster';
import type { Repositories } from '../../domain/ports';
import { readCsvRosterContents } from '../../import/csv/read-csv';
import { readEdexmlContents } from '../../import/edexml/read-edexml';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';

const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
const UPLOAD_MINUTES = 30;

/**
 * Import in the management screen: upload → dry run (the same code as the real import, rolled back)
 * → apply → result with login cards for the new accounts (shown once). Between dry run and apply the
 * file waits encrypted in the database for at most 30 minutes and is deleted when applied.
 */
export function importRoutes(deps: {
  repos: Pick<Repositories, 'importUploads'>;
  rosterImport: RosterImportService;
  baseUrl: string;
}): Router {
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

  const page = (req: Request, res: Response, status: number, ctx: Record<string, unknown>) =>
    renderAdmin(req, res, 'admin/import.njk', { titleKey: 'import.title', ...ctx }, status);

  const readRoster = async (
    format: 'edexml' | 'csv',
    fileName: string,
    contents: Buffer,
    brin: string,
  ): Promise<{ roster: Roster; warnings: string[] }> => {
    if (format === 'edexml') return { roster: await readEdexmlContents(contents, fileName), warnings: [] };
    const { roster, ignoredColumns } = readCsvRosterContents(contents, fileName, brin);
    return { roster, warnings: ignoredColumns.length ? [`ignored column(s), not read or stored: ${ignoredColumns.join(', ')}`] : [] };
  };

  router.get('/admin/import', (req, res) => page(req, res, 200, {}));

  // multer runs before the CSRF check: the token arrives as a field of the multipart body.
  router.post(
    '/admin/import',
    (req, res, next) => {
      upload.single('file')(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError)
          return page(req, res, 400, {
            error:
              err.code === 'LIMIT_FILE_SIZE'
                ? `Het bestand is groter dan ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. / The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`
                : `Upload mislukt / upload failed: ${err.code}`,
          });
        if (err) return next(err);
        next();
      });
    },
    requireCsrf,
    async (req, res) => {
      const { school, me } = adminOf(res);
      const format = req.body.format === 'csv' ? 'csv' : 'edexml';
      const file = req.file;
      if (!file || file.size === 0) return page(req, res, 400, { error: 'Kies een bestand. / Choose a file.' });
      const brin = formatBrin({ brin: school.brin, dependanceCode: school.dependanceCode });
      let summary: ImportSummary;
      try {
        const { roster, warnings } = await readRoster(format, file.originalname, file.buffer, brin);
        summary = await deps.rosterImport.import(roster, {
          expectedBrin: brin,
          dryRun: true,
          source: `${format.toUpperCase()} ${file.originalname} (beheerscherm)`,
          actor: adminActor(req, res),
          warnings,
        });
      } catch (e) {
        if (e instanceof ValidationError) return page(req, res, 400, { error: e.message, format });
        throw e;
      }
      const uploadId = await deps.repos.importUploads.store({
        schoolId: school.id,
        uploadedBy: me.id,
        format,
        fileName: file.originalname,
        contents: file.buffer,
        expiresAt: new Date(Date.now() + UPLOAD_MINUTES * 60_000),
      });
      page(req, res, 200, { summary, uploadId, fileName: file.originalname });
    },
  );

  router.post('/admin/import/:uploadId/apply', express.urlencoded({ extended: false, limit: '2kb' }), requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    await deps.repos.importUploads.purgeExpired(new Date());
    const stored = await deps.repos.importUploads.find(String(req.params.uploadId), school.id, new Date());
    if (!stored) return page(req, res, 410, { error: adminOf(res).t('import.expired') });
    const brin = formatBrin({ brin: school.brin, dependanceCode: school.dependanceCode });
    let summary: ImportSummary;
    try {
      const { roster, warnings } = await readRoster(stored.format, stored.fileName, stored.contents, brin);
      summary = await deps.rosterImport.import(roster, {
        expectedBrin: brin,
        dryRun: false,
        source: `${stored.format.toUpperCase()} ${stored.fileName} (beheerscherm)`,
        actor: adminActor(req, res),
        warnings,
      });
    } catch (e) {
      if (e instanceof ValidationError) return page(req, res, 400, { error: e.message });
      throw e;
    }
    await deps.repos.importUploads.remove(String(req.params.uploadId));
    res.setHeader('Cache-Control', 'no-store');
    page(req, res, 200, { summary, applied: true, cards: cardGroups(summary.newAccounts), loginUrl: `${deps.baseUrl}/login` });
  });

  return router;
}

function cardGroups(accounts: readonly NewAccount[]) {
  const byGroup = new Map<string, NewAccount[]>();
  for (const a of accounts) {
    const g = a.groupNames[0] ?? '—';
    byGroup.set(g, [...(byGroup.get(g) ?? []), a]);
  }
  return [...byGroup]
    .sort(([a], [b]) => a.localeCompare(b, 'nl'))
    .map(([name, list]) => ({ name, accounts: list.sort((x, y) => x.displayName.localeCompare(y.displayName, 'nl')) }));
}
