"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.userRefs = exports.productBody = exports.sinceQuery = exports.paging = exports.MAX_PAGE = void 0;
exports.parse = parse;
const zod_1 = require("zod");
const errors_1 = require("../domain/errors");
/** Query strings and bodies are checked against a schema; unknown fields and bad values are 400 with the reason. */
function parse(schema, value, what) {
    const r = schema.safeParse(value);
    if (!r.success)
        throw new errors_1.ValidationError(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
    return r.data;
}
exports.MAX_PAGE = 500;
exports.paging = zod_1.z
    .object({
    limit: zod_1.z.coerce.number().int().min(1).max(exports.MAX_PAGE).default(100),
    offset: zod_1.z.coerce.number().int().min(0).default(0),
    changedSince: zod_1.z.iso.datetime({ offset: true }).optional(),
})
    .strict();
exports.sinceQuery = zod_1.z.object({ since: zod_1.z.iso.datetime({ offset: true }) }).strict();
exports.productBody = zod_1.z
    .object({
    name: zod_1.z.string().trim().min(1).max(200),
    method: zod_1.z.string().trim().max(200).nullable().optional(),
    iconUrl: zod_1.z
        .url({ protocol: /^https$/ })
        .nullable()
        .optional(),
    launchUrl: zod_1.z
        .url({ protocol: /^https$/ })
        .nullable()
        .optional(),
    isTeacherApp: zod_1.z.boolean().optional(),
    isTestApp: zod_1.z.boolean().optional(),
})
    .strict();
exports.userRefs = zod_1.z
    .object({
    users: zod_1.z
        .array(zod_1.z.union([zod_1.z.object({ sourcedId: zod_1.z.string().min(1).max(100) }).strict(), zod_1.z.object({ eckId: zod_1.z.string().min(1).max(512) }).strict()]))
        .min(1)
        .max(1000),
})
    .strict();
//# sourceMappingURL=validation.js.map