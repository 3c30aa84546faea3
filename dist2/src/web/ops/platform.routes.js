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
exports.opsPlatformRoutes = opsPlatformRoutes;
const express_1 = __importStar(require("express"));
const multer_1 = __importDefault(require("multer"));
const key_rotation_1 = require("../../crypto/key-rotation");
const errors_1 = require("../../domain/errors");
const sp_onboarding_1 = require("../../saml/metadata/sp-onboarding");
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const operator_1 = require("./operator");
const MAX_METADATA_BYTES = 512 * 1024;
/**
 * The platform operator's pages (data-processing agreement annex 2 I: DBAs/platform operators manage
 * participants, SPs, keys and jobs, and see no pupil data). Only role `dba`. Each page reads platform
 * facts only — participants, SP metadata, certificates, counts — and every change goes through the same
 * domain service (and audit) as the CLI command it mirrors.
 */
function opsPlatformRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '8kb' });
    const dba = (0, operator_1.requireOperator)(deps.repos, 'dba');
    const upload = (0, multer_1.default)({ storage: multer_1.default.memoryStorage(), limits: { fileSize: MAX_METADATA_BYTES, files: 1, fields: 10 } });
    const field = (req, name) => (typeof req.body?.[name] === 'string' ? req.body[name] : '');
    const send = (req, res, view, status, ctx) => res
        .status(status)
        .type('html')
        .send((0, views_1.render)(view, { csrf: (0, csrf_1.csrfToken)(req), done: typeof req.query.done === 'string' ? req.query.done : null, ...ctx }));
    /** A refusal the operator can correct is shown beside the form; anything else goes to the error handler. */
    const correctable = (e) => (0, errors_1.isAppError)(e) && ['validation', 'not_found', 'conflict'].includes(e.kind);
    // --- participants -------------------------------------------------------------------------------
    const participantsPage = async (req, res, status, extra = {}) => {
        const sps = await deps.repos.serviceProviders.list();
        const participants = (await deps.repos.participants.list()).map((p) => ({
            ...p,
            sps: sps.filter((s) => s.participantId === p.id).length,
        }));
        return send(req, res, 'ops-participants.njk', status, { title: 'Deelnemers', participants, values: { name: '' }, ...extra });
    };
    router.get('/ops/participants', dba, (req, res) => participantsPage(req, res, 200));
    router.post('/ops/participants', form, csrf_1.requireCsrf, dba, async (req, res) => {
        const values = {
            name: field(req, 'name').slice(0, 200),
            needsBirthDate: field(req, 'needsBirthDate') === 'on',
            needsGender: field(req, 'needsGender') === 'on',
            needsEmail: field(req, 'needsEmail') === 'on',
        };
        try {
            await deps.participants.add(values, (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
        }
        catch (e) {
            if (correctable(e))
                return participantsPage(req, res, e.status, { error: e.message, values });
            throw e;
        }
        res.redirect(303, '/ops/participants?done=added');
    });
    // --- service providers --------------------------------------------------------------------------
    const spsPage = async (req, res, status, extra = {}) => {
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
    router.post('/ops/sps', dba, (req, res, next) => upload.single('file')(req, res, (err) => {
        if (err instanceof multer_1.default.MulterError)
            return spsPage(req, res, 400, {
                error: err.code === 'LIMIT_FILE_SIZE'
                    ? 'Het metadatabestand is groter dan 512 kB. / The metadata file is larger than 512 kB.'
                    : `Upload mislukt / upload failed: ${err.code}`,
            });
        next(err);
    }), csrf_1.requireCsrf, async (req, res) => {
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
                throw new errors_1.ValidationError('Geef een metadata-URL of kies een bestand. / Give a metadata URL or choose a file.');
            if (file && values.url)
                throw new errors_1.ValidationError('Geef een URL óf een bestand, niet beide. / Give a URL or a file, not both.');
            if (!file && !/^https?:\/\//i.test(values.url))
                throw new errors_1.ValidationError('De metadata-URL moet met https:// beginnen. / The metadata URL must start with https://.');
            const xml = file ?? (await deps.fetchMetadata(values.url));
            const { registration } = (0, sp_onboarding_1.spRegistrationFromMetadata)(xml, {
                attributes: values.attributes || undefined,
                encryptAssertion: values.encrypt,
                allowUnsolicited: values.allowUnsolicited,
                httpOnLoopback: deps.httpOnLoopback,
            });
            const result = await deps.serviceProviders.register(values.participant, registration, (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
            res.redirect(303, `/ops/sps?done=${result.created ? 'registered' : 'updated'}`);
        }
        catch (e) {
            if (correctable(e))
                return spsPage(req, res, e.status, { error: e.message, values });
            throw e;
        }
    });
    router.post('/ops/sps/remove', form, csrf_1.requireCsrf, dba, async (req, res) => {
        try {
            await deps.serviceProviders.remove(field(req, 'entityId'), (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
        }
        catch (e) {
            if (correctable(e))
                return spsPage(req, res, e.status, { error: e.message });
            throw e;
        }
        res.redirect(303, '/ops/sps?done=removed');
    });
    // --- signing keys -------------------------------------------------------------------------------
    const keysPage = (req, res, status, extra = {}) => send(req, res, 'ops-keys.njk', status, {
        title: 'Sleutels',
        keys: (0, key_rotation_1.signingKeyStatus)(deps.certsDir).map((k) => ({ ...k, validTo: k.validTo.toISOString().slice(0, 10) })),
        ...extra,
    });
    router.get('/ops/keys', dba, (req, res) => keysPage(req, res, 200));
    router.post('/ops/keys/rotate', form, csrf_1.requireCsrf, dba, async (req, res) => {
        const step = field(req, 'step');
        if (!['stage', 'activate', 'retire'].includes(step))
            return keysPage(req, res, 400, { error: 'Onbekende stap. / Unknown step.' });
        try {
            const message = await (0, key_rotation_1.rotateSigningKeyAudited)(deps.certsDir, step, deps.repos.audit, (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
            return keysPage(req, res, 200, { message });
        }
        catch (e) {
            if (correctable(e))
                return keysPage(req, res, e.status, { error: e.message });
            throw e;
        }
    });
    // --- settings ---------------------------------------------------------------------------------
    router.get('/ops/settings', dba, (req, res) => send(req, res, 'ops-settings.njk', 200, { title: 'Instellingen', settings: deps.settings }));
    // --- jobs ---------------------------------------------------------------------------------------
    router.get('/ops/jobs', dba, async (req, res) => {
        const outbox = await deps.repos.outbox.stats();
        const at = (d) => (d ? d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }) : '–');
        const runs = [];
        // The last run of each platform job as the audit log records it (retention's deletions, key rotation steps).
        for (const action of ['person.delete', 'school.destroy', 'keys.rotate.stage', 'keys.rotate.activate', 'keys.rotate.retire']) {
            const [last] = await deps.repos.audit.list({ action, limit: 1 });
            runs.push({ action, at: at(last?.occurredAt ?? null), actor: last ? `${last.actor.type}` : '–', outcome: last?.outcome ?? '–' });
        }
        send(req, res, 'ops-jobs.njk', 200, {
            title: 'Taken',
            outbox: { ...outbox, oldestWaitingAt: at(outbox.oldestWaitingAt), lastSentAt: at(outbox.lastSentAt) },
            runs,
        });
    });
    return router;
}
//# sourceMappingURL=platform.routes.js.map