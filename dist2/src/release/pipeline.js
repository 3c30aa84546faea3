"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_CHAIN = exports.identifierFilter = exports.requestedFilter = exports.accessFilter = exports.participantNeedFilter = exports.annexFilter = void 0;
exports.mainGroupFirst = mainGroupFirst;
exports.releasedCategories = releasedCategories;
exports.release = release;
const brin_1 = require("../domain/identity/brin");
const categories_1 = require("./categories");
/** A person's groups as the chain expects them: the main group (stamgroep) first, then by name. */
function mainGroupFirst(groups) {
    return [...groups].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'stamgroep' ? -1 : 1));
}
const keep = (categories, allowed) => {
    const allow = new Set(allowed);
    return new Set([...categories].filter((c) => allow.has(c)));
};
/** (a) only what the privacy annex lists for this role. */
const annexFilter = (c, ctx) => keep(c, categories_1.ANNEX_BY_ROLE[ctx.person.role]);
exports.annexFilter = annexFilter;
/** (b) birth date, gender and e-mail only where an operator recorded the participant's need. */
const participantNeedFilter = (c, ctx) => keep(c, [
    ...categories_1.DEFAULT_RELEASE,
    ...(ctx.participant.needsBirthDate ? ['birthDate'] : []),
    ...(ctx.participant.needsGender ? ['gender'] : []),
    ...(ctx.participant.needsEmail ? ['email'] : []),
]);
exports.participantNeedFilter = participantNeedFilter;
/** (c)+(d) nothing at all unless the gate allowed it: school activated the participant, person licensed. */
const accessFilter = (c, ctx) => (ctx.access.allowed ? new Set(c) : new Set());
exports.accessFilter = accessFilter;
/** (e) only what the recipient asked for. */
const requestedFilter = (c, ctx) => keep(c, ctx.requested);
exports.requestedFilter = requestedFilter;
/**
 * (f) identifiers: the ECK iD only when the school registered one for the person (and, by (c), activated
 * the participant); the hub's internal ID is not a category at all — recipients get a pairwise pseudonym.
 */
const identifierFilter = (c, ctx) => {
    const out = new Set(c);
    if (!ctx.person.eckId)
        out.delete('eckId');
    return out;
};
exports.identifierFilter = identifierFilter;
exports.DEFAULT_CHAIN = [
    exports.annexFilter,
    exports.participantNeedFilter,
    exports.accessFilter,
    exports.requestedFilter,
    exports.identifierFilter,
];
function valuesOf(category, ctx) {
    const p = ctx.person;
    const main = ctx.groups[0];
    switch (category) {
        case 'firstName':
            return [p.firstName];
        case 'infix':
            return p.infix ? [p.infix] : [];
        case 'lastName':
            return [p.lastName];
        case 'birthDate':
            return p.birthDate ? [p.birthDate] : [];
        case 'gender':
            return p.gender ? [p.gender] : [];
        case 'eckId':
            return p.eckId ? [p.eckId] : [];
        case 'pupilKey':
            return p.role === 'pupil' && p.lasKey ? [p.lasKey] : [];
        case 'teacherKey':
            return p.role !== 'pupil' && p.lasKey ? [p.lasKey] : [];
        case 'groupKey':
            return ctx.groups.map((g) => g.lasKey);
        case 'groupName':
            return ctx.groups.map((g) => g.name);
        case 'yearGroup':
            return main?.yearGroup != null ? [String(main.yearGroup)] : [];
        case 'brin':
            return [(0, brin_1.formatBrin)(ctx.school)];
        case 'email':
            return p.staffEmail ? [p.staffEmail] : [];
        case 'affiliation':
            return p.role === 'pupil' ? ['student', 'member'] : ['faculty', 'employee', 'member'];
    }
}
/**
 * Runs the chain and returns the released values. The final allow-list check (g) is independent of
 * the chain: a category the annex does not list for the role can never come out, whatever a filter did.
 */
function releasedCategories(ctx, chain = exports.DEFAULT_CHAIN) {
    let categories = new Set(categories_1.CATEGORIES);
    for (const filter of chain)
        categories = filter(categories, ctx);
    return categories;
}
function release(ctx, chain = exports.DEFAULT_CHAIN) {
    const categories = releasedCategories(ctx, chain);
    // (g) the final allow-list check, independent of the chain.
    if (!ctx.access.allowed)
        return {};
    const annex = new Set(categories_1.ANNEX_BY_ROLE[ctx.person.role]);
    const out = {};
    for (const category of categories) {
        if (!annex.has(category) || !ctx.requested.has(category))
            continue;
        const values = valuesOf(category, ctx).filter((v) => v !== '');
        if (values.length)
            out[category] = values;
    }
    return out;
}
//# sourceMappingURL=pipeline.js.map