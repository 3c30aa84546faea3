"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.releaseAttributes = void 0;
const pipeline_1 = require("../../release/pipeline");
const attributes_1 = require("../attributes");
const flow_1 = require("../flow");
/** The release pipeline (deny by default): the annex, the participant's needs, the SP's request. Values become SAML attributes. */
exports.releaseAttributes = (0, flow_1.step)('release', async (ctx, s) => {
    const person = s.person;
    const memberships = await ctx.repos.groups.membershipsOf(person.id);
    const groups = (0, pipeline_1.mainGroupFirst)((await Promise.all(memberships.map((m) => ctx.repos.groups.findById(m.groupId)))).filter((g) => g !== null));
    const released = (0, pipeline_1.release)({
        person,
        school: s.school,
        groups,
        participant: s.participant,
        requested: (0, attributes_1.requestedCategories)(s.sp),
        access: s.access,
    });
    s.attributes = [];
    for (const [category, values] of Object.entries(released)) {
        const out = values.map((v) => (0, attributes_1.samlValue)(category, v)).filter((v) => v !== null);
        if (out.length)
            s.attributes.push({ ...attributes_1.ATTRIBUTE_NAMES[category], values: out });
    }
    s.categories = Object.keys(released);
});
//# sourceMappingURL=release-attributes.js.map