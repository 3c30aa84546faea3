"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.licenceRoutes = licenceRoutes;
const express_1 = require("express");
const field_cipher_1 = require("../crypto/field-cipher");
const errors_1 = require("../domain/errors");
const licence_overview_1 = require("../domain/licensing/licence-overview");
const auth_1 = require("./auth");
const roster_1 = require("./roster");
const schools_routes_1 = require("./schools.routes");
const validation_1 = require("./validation");
/** The hosted licence office: a participant's licences at a school, and access granted or revoked in bulk. */
function licenceRoutes(deps) {
    const { repos } = deps;
    const router = (0, express_1.Router)();
    router.get('/schools/:brin/licences', async (req, res) => {
        const school = await (0, schools_routes_1.schoolOr404)(repos, res, String(req.params.brin));
        const { participant } = (0, auth_1.callerOf)(res);
        const licences = (await (0, licence_overview_1.licenceOverview)(repos, school.id, { participantId: participant.id })).map((o) => ({
            sourcedId: o.licence.id,
            product: { sourcedId: o.product.id, name: o.product.name },
            validFrom: o.licence.validFrom.toISOString(),
            validUntil: o.licence.validUntil.toISOString(),
            seats: o.licence.seats,
            seatsUsed: o.seatsUsed,
            scope: o.licence.scope,
            assignedClasses: o.groups.map((g) => g.lasKey),
            assignedUsers: o.personIds.map((id) => (0, field_cipher_1.pairwisePseudonym)(deps.keyring, participant.id, id)),
        }));
        res.json({ licences });
    });
    /** Bulk grant or revoke: all or nothing; every user must be a person of this school. */
    for (const [path, grant] of [
        ['grants', true],
        ['revocations', false],
    ]) {
        router.post(`/schools/:brin/licences/:licenceId/${path}`, async (req, res) => {
            const school = await (0, schools_routes_1.schoolOr404)(repos, res, String(req.params.brin));
            const body = (0, validation_1.parse)(validation_1.userRefs, req.body, 'body');
            const { participant, clientId } = (0, auth_1.callerOf)(res);
            const index = body.users.some((u) => 'sourcedId' in u)
                ? await (0, roster_1.pseudonymIndex)({ repos, keyring: deps.keyring }, school, participant.id)
                : new Map();
            const people = [];
            const unresolved = [];
            for (const ref of body.users) {
                const person = 'sourcedId' in ref ? index.get(ref.sourcedId) : await repos.people.findByEckId(ref.eckId);
                if (!person || person.schoolId !== school.id)
                    unresolved.push('sourcedId' in ref ? ref.sourcedId : ref.eckId);
                else
                    people.push(person);
            }
            if (unresolved.length)
                throw new errors_1.ValidationError(`not a person of school ${school.brin}: ${unresolved.slice(0, 10).join(', ')}${unresolved.length > 10 ? ` (+${unresolved.length - 10} more)` : ''}`);
            const licenceId = String(req.params.licenceId);
            const changed = await deps.licences.changePersonalAssignments({ schoolId: school.id, licenceId, participantId: participant.id, personIds: people.map((p) => p.id), grant }, { type: 'sp', id: clientId });
            res.json({ licence: licenceId, [grant ? 'granted' : 'revoked']: changed });
        });
    }
    return router;
}
//# sourceMappingURL=licences.routes.js.map