"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.licenceOverview = licenceOverview;
const seats_1 = require("./seats");
/** The school's licences (optionally of one participant's products only) — for the CLI, the management screen and the API. */
async function licenceOverview(repos, schoolId, opts = {}) {
    const now = opts.now ?? new Date();
    const licences = await repos.licences.listBySchool(schoolId);
    const products = new Map((await repos.products.findAllByIds([...new Set(licences.map((l) => l.productId))])).map((p) => [p.id, p]));
    const groups = new Map((await repos.groups.listBySchool(schoolId)).map((g) => [g.id, g]));
    const participants = new Map();
    const out = [];
    for (const licence of licences) {
        const product = products.get(licence.productId) ?? null;
        if (opts.participantId && product?.participantId !== opts.participantId)
            continue;
        if (product && !participants.has(product.participantId))
            participants.set(product.participantId, await repos.participants.findById(product.participantId));
        const assignments = await repos.licences.assignments(licence.id);
        out.push({
            licence,
            product,
            participant: product ? (participants.get(product.participantId) ?? null) : null,
            current: licence.validFrom <= now && now < licence.validUntil,
            seatsUsed: (await (0, seats_1.coveredPeople)(repos, licence)).size,
            groups: assignments.flatMap((a) => (a.groupId && groups.has(a.groupId) ? [groups.get(a.groupId)] : [])),
            personIds: assignments.flatMap((a) => (a.personId ? [a.personId] : [])),
        });
    }
    return out;
}
//# sourceMappingURL=licence-overview.js.map