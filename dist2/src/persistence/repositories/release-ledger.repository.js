"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmReleaseLedgerRepository = void 0;
const audit_log_repository_1 = require("./audit-log.repository");
const governance_entity_1 = require("../entities/governance.entity");
class TypeOrmReleaseLedgerRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async list(q) {
        const params = [q.schoolId];
        let where = 'l.school_id = $1';
        if (q.participantId)
            where += ` AND l.participant_id = $${params.push(q.participantId)}`;
        if (q.since)
            where += ` AND l.occurred_at >= $${params.push(q.since)}`;
        if (q.until)
            where += ` AND l.occurred_at < $${params.push(q.until)}`;
        const rows = await this.em.query(`SELECT l.occurred_at, l.participant_id, p.name AS participant_name, sp.entity_id, l.api_client_id, l.channel, l.categories, l.people_count
         FROM release_ledger l
         JOIN participants p ON p.id = l.participant_id
         LEFT JOIN service_providers sp ON sp.id = l.service_provider_id
        WHERE ${where}
        ORDER BY l.occurred_at DESC, l.id DESC
        LIMIT $${params.push(Math.min(q.limit ?? 1000, 10000))}`, params);
        return rows.map((r) => ({
            occurredAt: new Date(r.occurred_at),
            participantId: r.participant_id,
            participantName: r.participant_name,
            serviceProviderEntityId: r.entity_id ?? null,
            apiClientId: r.api_client_id ?? null,
            channel: r.channel,
            categories: r.categories,
            peopleCount: Number(r.people_count),
        }));
    }
    async recordWithAudit(entry, event) {
        // One statement is one transaction: both rows or neither.
        await this.em.query(`WITH ledger AS (
         INSERT INTO release_ledger (school_id, participant_id, service_provider_id, api_client_id, channel, categories, people_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       )
       INSERT INTO audit_events (actor_type, actor_id, ip, request_id, school_id, action, outcome, target_type, target_id, details)
       VALUES ($8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`, [
            entry.schoolId,
            entry.participantId,
            entry.serviceProviderId ?? null,
            entry.apiClientId ?? null,
            entry.channel,
            [...entry.categories],
            entry.peopleCount,
            event.actor.type,
            (0, audit_log_repository_1.storable)(event.actor.id),
            (0, audit_log_repository_1.auditIp)(event.actor.ip),
            event.actor.requestId ?? null,
            event.schoolId ?? null,
            event.action,
            event.outcome,
            event.targetType ?? null,
            event.targetId ?? null,
            JSON.stringify((0, audit_log_repository_1.storable)(event.details ?? {})),
        ]);
    }
    async record(entry) {
        await this.em.getRepository(governance_entity_1.ReleaseLedgerEntity).insert({
            schoolId: entry.schoolId,
            participantId: entry.participantId,
            serviceProviderId: entry.serviceProviderId ?? null,
            apiClientId: entry.apiClientId ?? null,
            channel: entry.channel,
            categories: [...entry.categories],
            peopleCount: entry.peopleCount,
        });
    }
}
exports.TypeOrmReleaseLedgerRepository = TypeOrmReleaseLedgerRepository;
//# sourceMappingURL=release-ledger.repository.js.map