"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.importRoutes = importRoutes;
const express_1 = __importStar(require("express"));
const multer_1 = __importDefault(require("multer"));
const errors_1 = require("../../domain/errors");
const brin_1 = require("../../domain/identity/brin");
const read_csv_1 = require("../../import/csv/read-csv");
const read_edexml_1 = require("../../import/edexml/read-edexml");
const csrf_1 = require("../middleware/csrf");
const context_1 = require("./context");
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
const UPLOAD_MINUTES = 30;
/**
 * Import in the management screen: upload → dry run (the same code as the real import, rolled back)
 * → apply → result with login cards for the new accounts (shown once). Between dry run and apply the
 * file waits encrypted in the database for at most 30 minutes and is deleted when applied.
 */
function importRoutes(deps) {
    const router = (0, express_1.Router)();
    const upload = (0, multer_1.default)({ storage: multer_1.default.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
    const page = (req, res, status, ctx) => (0, context_1.renderAdmin)(req, res, 'admin/import.njk', { titleKey: 'import.title', ...ctx }, status);
    const readRoster = async (format, fileName, contents, brin) => {
        if (format === 'edexml')
            return { roster: await (0, read_edexml_1.readEdexmlContents)(contents, fileName), warnings: [] };
        const { roster, ignoredColumns } = (0, read_csv_1.readCsvRosterContents)(contents, fileName, brin);
        return { roster, warnings: ignoredColumns.length ? [`ignored column(s), not read or stored: ${ignoredColumns.join(', ')}`] : [] };
    };
    router.get('/admin/import', (req, res) => page(req, res, 200, {}));
    // multer runs before the CSRF check: the token arrives as a field of the multipart body.
    router.post('/admin/import', (req, res, next) => {
        upload.single('file')(req, res, (err) => {
            if (err instanceof multer_1.default.MulterError)
                return page(req, res, 400, {
                    error: err.code === 'LIMIT_FILE_SIZE'
                        ? `Het bestand is groter dan ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. / The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`
                        : `Upload mislukt / upload failed: ${err.code}`,
                });
            if (err)
                return next(err);
            next();
        });
    }, csrf_1.requireCsrf, async (req, res) => {
        const { school, me } = (0, context_1.adminOf)(res);
        const format = req.body.format === 'csv' ? 'csv' : 'edexml';
        const file = req.file;
        if (!file || file.size === 0)
            return page(req, res, 400, { error: 'Kies een bestand. / Choose a file.' });
        const brin = (0, brin_1.formatBrin)({ brin: school.brin, dependanceCode: school.dependanceCode });
        let summary;
        try {
            const { roster, warnings } = await readRoster(format, file.originalname, file.buffer, brin);
            summary = await deps.rosterImport.import(roster, {
                expectedBrin: brin,
                dryRun: true,
                source: `${format.toUpperCase()} ${file.originalname} (beheerscherm)`,
                actor: (0, context_1.adminActor)(req, res),
                warnings,
            });
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                return page(req, res, 400, { error: e.message, format });
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
    });
    router.post('/admin/import/:uploadId/apply', express_1.default.urlencoded({ extended: false, limit: '2kb' }), csrf_1.requireCsrf, async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        await deps.repos.importUploads.purgeExpired(new Date());
        const stored = await deps.repos.importUploads.find(String(req.params.uploadId), school.id, new Date());
        if (!stored)
            return page(req, res, 410, { error: (0, context_1.adminOf)(res).t('import.expired') });
        const brin = (0, brin_1.formatBrin)({ brin: school.brin, dependanceCode: school.dependanceCode });
        let summary;
        try {
            const { roster, warnings } = await readRoster(stored.format, stored.fileName, stored.contents, brin);
            summary = await deps.rosterImport.import(roster, {
                expectedBrin: brin,
                dryRun: false,
                source: `${stored.format.toUpperCase()} ${stored.fileName} (beheerscherm)`,
                actor: (0, context_1.adminActor)(req, res),
                warnings,
            });
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                return page(req, res, 400, { error: e.message });
            throw e;
        }
        await deps.repos.importUploads.remove(String(req.params.uploadId));
        res.setHeader('Cache-Control', 'no-store');
        page(req, res, 200, { summary, applied: true, cards: cardGroups(summary.newAccounts), loginUrl: `${deps.baseUrl}/login` });
    });
    return router;
}
function cardGroups(accounts) {
    const byGroup = new Map();
    for (const a of accounts) {
        const g = a.groupNames[0] ?? '—';
        byGroup.set(g, [...(byGroup.get(g) ?? []), a]);
    }
    return [...byGroup]
        .sort(([a], [b]) => a.localeCompare(b, 'nl'))
        .map(([name, list]) => ({ name, accounts: list.sort((x, y) => x.displayName.localeCompare(y.displayName, 'nl')) }));
}
//# sourceMappingURL=import.routes.js.map