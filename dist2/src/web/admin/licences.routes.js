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
Object.defineProperty(exports, "__esModule", { value: true });
exports.licenceRoutes = licenceRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const licence_overview_1 = require("../../domain/licensing/licence-overview");
const preview_1 = require("../../saml/preview");
const csrf_1 = require("../middleware/csrf");
const context_1 = require("./context");
const model_1 = require("../../domain/model");
const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
/** Plain-language names of the released categories (what a school reads before switching data transfer on). */
const CATEGORY_TEXT = {
    firstName: ['voornaam', 'first name'],
    infix: ['tussenvoegsel', 'infix'],
    lastName: ['achternaam', 'last name'],
    birthDate: ['geboortedatum', 'birth date'],
    gender: ['geslacht', 'gender'],
    eckId: ['ECK iD (landelijke pseudonieme sleutel)', 'ECK iD (national pseudonymous key)'],
    pupilKey: ['leerlingnummer uit de administratie', 'pupil key from the administration'],
    teacherKey: ['medewerkernummer uit de administratie', 'teacher key from the administration'],
    groupKey: ['groepscode', 'group key'],
    groupName: ['groepsnaam', 'group name'],
    yearGroup: ['jaargroep', 'year group'],
    brin: ['BRIN-nummer van de school', 'school BRIN number'],
    email: ['e-mailadres', 'e-mail address'],
    affiliation: ['rol (leerling of leerkracht)', 'role (pupil or teacher)'],
    hubId: ['Leerpoort-ID', 'Leerpoort ID'],
};
/** Licences (seats, validity, assignment to groups — editable) and data transfer per participant. */
function licenceRoutes(deps) {
    const router = (0, express_1.Router)();
    /** The overview; a refused change is shown on it directly (never text carried in the URL). */
    const overview = async (req, res, status = 200, error) => {
        const { school } = (0, context_1.adminOf)(res);
        const groups = (await deps.repos.groups.listBySchool(school.id)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
        const licences = [];
        for (const o of await (0, licence_overview_1.licenceOverview)(deps.repos, school.id)) {
            licences.push({
                id: o.licence.id,
                product: o.product?.name ?? '?',
                participant: o.participant?.name ?? '?',
                validFrom: o.licence.validFrom,
                validUntil: o.licence.validUntil,
                current: o.current,
                scope: o.licence.scope,
                seats: o.licence.seats,
                used: o.seatsUsed,
                groups: o.groups,
                individual: await Promise.all(o.personIds.map(async (id) => {
                    const p = await deps.repos.people.findById(id);
                    return { id, name: p ? (0, model_1.displayName)(p) : '?' };
                })),
                assignable: groups.filter((g) => !o.groups.some((a) => a.id === g.id)),
            });
        }
        licences.sort((a, b) => a.product.localeCompare(b.product, 'nl'));
        (0, context_1.renderAdmin)(req, res, 'admin/licences.njk', { titleKey: 'licences.title', licences, error }, status);
    };
    router.get('/admin/licences', (req, res) => overview(req, res));
    for (const [action, assign] of [
        ['assign', true],
        ['unassign', false],
    ]) {
        router.post(`/admin/licences/:id/${action}`, form, csrf_1.requireCsrf, async (req, res) => {
            try {
                const { school } = (0, context_1.adminOf)(res);
                const actor = (0, context_1.adminActor)(req, res);
                if (typeof req.body.username === 'string' || typeof req.body.person === 'string') {
                    // One person: by username (typed in) or by id (the withdraw button).
                    const credential = typeof req.body.username === 'string' ? await deps.repos.credentials.findByUsername(req.body.username) : null;
                    const personId = credential?.personId ?? String(req.body.person ?? '');
                    await deps.licences.changeAssignment(school.id, String(req.params.id), { personId }, assign, actor);
                }
                else {
                    await deps.licences.changeAssignment(school.id, String(req.params.id), { groupId: String(req.body.group ?? '') }, assign, actor);
                }
                res.redirect(303, '/admin/licences');
            }
            catch (e) {
                // A refusal (seats, already assigned) is shown on the overview; a foreign id stays a 404.
                if (e instanceof errors_1.ConflictError)
                    return overview(req, res, 409, e.message);
                // A username typed in that is unknown (or of another school) is told on the overview too, without saying which.
                if (e instanceof errors_1.NotFoundError && typeof req.body.username === 'string')
                    return overview(req, res, 404, 'Onbekende gebruikersnaam bij deze school. / Unknown username at this school.');
                throw e;
            }
        });
    }
    router.get('/admin/activations', async (req, res) => {
        const { school, lang } = (0, context_1.adminOf)(res);
        const i = lang === 'en' ? 1 : 0;
        const licensedParticipants = new Set();
        for (const l of await deps.repos.licences.listBySchool(school.id)) {
            const product = (await deps.repos.products.findAllByIds([l.productId]))[0];
            if (product)
                licensedParticipants.add(product.participantId);
        }
        const sps = await deps.repos.serviceProviders.list();
        const participants = [];
        for (const p of await deps.repos.participants.list()) {
            const activation = await deps.repos.activations.find(school.id, p.id);
            if (!licensedParticipants.has(p.id) && !activation)
                continue;
            const own = sps.filter((sp) => sp.participantId === p.id);
            const roles = new Map([
                ['pupil', new Set()],
                ['teacher', new Set()],
            ]);
            for (const sp of own)
                for (const r of (0, preview_1.previewRelease)(sp, p, school, true).roles)
                    for (const c of r.categories)
                        roles.get(r.role).add(c);
            const describe = (cats) => [...cats].map((c) => CATEGORY_TEXT[c]?.[i] ?? c);
            participants.push({
                id: p.id,
                name: p.name,
                enabled: activation?.enabled === true,
                hasSp: own.length > 0,
                pupils: describe(roles.get('pupil')),
                teachers: describe(roles.get('teacher')),
                history: await Promise.all((await deps.repos.activations.history(school.id, p.id)).map(async (h) => {
                    const person = h.changedBy.startsWith('person:') ? await deps.repos.people.findById(h.changedBy.slice(7)) : null;
                    return {
                        enabled: h.enabled,
                        at: h.changedAt,
                        by: person && person.schoolId === school.id
                            ? (0, model_1.displayName)(person)
                            : h.changedBy.replace(/^cli:/, 'Leerpoort (') + (h.changedBy.startsWith('cli:') ? ')' : ''),
                    };
                })),
            });
        }
        (0, context_1.renderAdmin)(req, res, 'admin/activations.njk', { titleKey: 'activations.title', participants });
    });
    router.post('/admin/activations/:participantId', form, csrf_1.requireCsrf, async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        await deps.licences.setActivationById(school.id, String(req.params.participantId), req.body.enabled === 'on', (0, context_1.adminActor)(req, res));
        res.redirect(303, '/admin/activations');
    });
    return router;
}
//# sourceMappingURL=licences.routes.js.map