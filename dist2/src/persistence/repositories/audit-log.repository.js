"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmAuditLogRepository = exports.auditIp = void 0;
exports.storable = storable;
const governance_entity_1 = require("../entities/governance.entity");
/** IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d; the audit says a.b.c.d. */
const auditIp = (ip) => (ip ? ip.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1') : null);
exports.auditIp = auditIp;
/**
 * PostgreSQL stores neither NUL (text and jsonb refuse it) nor lone surrogates (jsonb refuses them);
 * audit entries quote what clients sent (a refused request's reason), and recording one must never
 * fail because of it. Such characters become U+FFFD.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function storable(value) {
    if (typeof value === 'string')
        return value.replace(UNSTORABLE, '\uFFFD');
    if (Array.isArray(value))
        return value.map(storable);
    if (value && typeof value === 'object' && !(value instanceof Date))
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)]));
    return value;
}
class TypeOrmAuditLogRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async record(event) {
        await this.em.getRepository(governance_entity_1.AuditEventEntity).insert({
            actorType: event.actor.type,
            actorId: storable(event.actor.id),
            ip: (0, exports.auditIp)(event.actor.ip),
            requestId: event.actor.requestId ?? null,
            schoolId: event.schoolId ?? null,
            action: event.action,
            outcome: event.outcome,
            targetType: event.targetType ?? null,
            targetId: event.targetId ?? null,
            details: storable(event.details ?? {}),
        });
    }
    async list(query) {
        const where = {};
        if (query.schoolId)
            where.schoolId = query.schoolId;
        if (query.action)
            where.action = query.action;
        if (query.targetId)
            where.targetId = query.targetId;
        if (query.actorId)
            where.actorId = query.actorId;
        const rows = await this.em
            .getRepository(governance_entity_1.AuditEventEntity)
            .find({ where, order: { id: 'DESC' }, take: query.limit ?? 100, skip: query.offset ?? 0 });
        return rows.map((r) => ({
            id: r.id,
            occurredAt: r.occurredAt,
            actor: { type: r.actorType, id: r.actorId, ip: r.ip, requestId: r.requestId },
            action: r.action,
            outcome: r.outcome,
            schoolId: r.schoolId,
            targetType: r.targetType,
            targetId: r.targetId,
            details: r.details,
        }));
    }
}
exports.TypeOrmAuditLogRepository = TypeOrmAuditLogRepository;
//# sourceMappingURL=audit-log.repository.js.map