"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schoolOr404 = schoolOr404;
exports.schoolRoutes = schoolRoutes;
const express_1 = require("express");
const errors_1 = require("../domain/errors");
const brin_1 = require("../domain/identity/brin");
const auth_1 = require("./auth");
const roster_1 = require("./roster");
const validation_1 = require("./validation");
/** The school of the URL, when it activated the calling participant; otherwise 404 (no data either way). */
async function schoolOr404(repos, res, brin) {
    const school = await (0, roster_1.activatedSchool)(repos, (0, auth_1.callerOf)(res).participant.id, brin);
    if (!school)
        throw new errors_1.NotFoundError(`no school ${brin} for this participant`);
    return school;
}
const schoolResource = (s) => ({
    sourcedId: s.id,
    brin: (0, brin_1.formatBrin)(s),
    name: s.name,
    assuNumber: s.assuNumber,
    visitingAddress: s.visitingAddress,
});
/** Schools that activated the participant, their groups and (licensed, released) people, the permission feed. */
function schoolRoutes(deps) {
    const { repos } = deps;
    const router = (0, express_1.Router)();
    router.get('/schools', async (_req, res) => {
        const schools = [];
        for (const a of await repos.activations.enabledFor((0, auth_1.callerOf)(res).participant.id)) {
            const s = await repos.schools.findById(a.schoolId);
            if (s)
                schools.push(s);
        }
        res.json({ schools: schools.map(schoolResource) });
    });
    router.get('/schools/:brin', async (req, res) => {
        res.json({ school: schoolResource(await schoolOr404(repos, res, String(req.params.brin))) });
    });
    router.get('/schools/:brin/groups', async (req, res) => {
        const school = await schoolOr404(repos, res, String(req.params.brin));
        const classes = (await repos.groups.listBySchool(school.id)).map((g) => ({
            sourcedId: g.lasKey,
            title: g.name,
            grades: g.yearGroup === null ? [] : [String(g.yearGroup)],
            classType: g.kind === 'stamgroep' ? 'homeroom' : 'scheduled',
        }));
        res.json({ classes });
    });
    /** One page of people, each through the licence gate and the release chain; written to the ledger. */
    const roster = (roles) => async (req, res) => {
        const school = await schoolOr404(repos, res, String(req.params.brin));
        const q = (0, validation_1.parse)(validation_1.paging, req.query, 'query');
        const { participant, clientId } = (0, auth_1.callerOf)(res);
        const page = await (0, roster_1.rosterPage)({ repos, keyring: deps.keyring }, {
            participant,
            school,
            roles,
            changedSince: q.changedSince ? new Date(q.changedSince) : null,
            limit: q.limit,
            offset: q.offset,
            now: new Date(),
        });
        if (page.users.length > 0) {
            await repos.ledger.recordWithAudit({
                schoolId: school.id,
                participantId: participant.id,
                apiClientId: clientId,
                channel: 'api',
                categories: page.categories,
                peopleCount: page.users.length,
            }, {
                actor: { type: 'sp', id: clientId, ip: req.ip ?? null },
                action: 'api.roster',
                outcome: 'success',
                schoolId: school.id,
                details: { roles, categories: page.categories, people: page.users.length },
            });
        }
        res.json({ users: page.users, paging: { limit: q.limit, offset: q.offset, total: page.total } });
    };
    router.get('/schools/:brin/pupils', roster(['pupil']));
    router.get('/schools/:brin/staff', roster(['teacher', 'delegate']));
    router.get('/permissions', async (req, res) => {
        const q = (0, validation_1.parse)(validation_1.sinceQuery, req.query, 'query');
        const changes = await repos.activations.changesFor((0, auth_1.callerOf)(res).participant.id, new Date(q.since));
        const brins = new Map();
        for (const c of changes) {
            if (brins.has(c.schoolId))
                continue;
            const school = await repos.schools.findById(c.schoolId);
            brins.set(c.schoolId, school ? (0, brin_1.formatBrin)(school) : 'unknown');
        }
        res.json({ permissions: changes.map((c) => ({ school: brins.get(c.schoolId), granted: c.enabled, at: c.changedAt.toISOString() })) });
    });
    return router;
}
//# sourceMappingURL=schools.routes.js.map