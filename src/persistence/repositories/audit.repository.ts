import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { AuditEvent, AuditEventInput, ReleaseLedgerEntryInput } from '../../domain/model';
import type { AuditLog, AuditQuery, LedgerQuery, LedgerRow, ReleaseLedger } from '../../domain/ports';
import { AuditEventEntity, ReleaseLedgerEntity } from '../entities/governance.entity';

/** IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d; the audit says a.b.c.d. */
const auditIp = (ip: string | null | undefined) => (ip ? ip.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1') : null);

/**
 * PostgreSQL stores neither NUL (text and jsonb refuse it) nor lone surrogates (jsonb refuses them);
 * audit entries quote what clients sent (a refused request's reason), and recording one must never
 * fail because of it. Such characters become U+FFFD.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}

export class TypeOrmAuditLog implements AuditLog {
  constructor(private readonly em: EntityManager) {}

  async record(event: AuditEventInput): Promise<void> {
    await this.em.getRepository(AuditEventEntity).insert({
      actorType: event.actor.type,
      actorId: storable(event.actor.id),
      ip: auditIp(event.actor.ip),
      requestId: event.actor.requestId ?? null,
      schoolId: event.schoolId ?? null,
      action: event.action,
      outcome: event.outcome,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      details: storable(event.details ?? {}) as never,
    });
  }

  async list(query: AuditQuery): Promise<AuditEvent[]> {
    const where: FindOptionsWhere<AuditEventEntity> = {};
    if (query.schoolId) where.schoolId = query.schoolId;
    if (query.action) where.action = query.action;
    if (query.targetId) where.targetId = query.targetId;
    if (query.actorId) where.actorId = query.actorId;
    const rows = await this.em.getRepository(AuditEventEntity).find({ where, order: { id: 'DESC' }, take: query.limit ?? 100, skip: query.offset ?? 0 });
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt,
      actor: { type: r.actorType as AuditEvent['actor']['type'], id: r.actorId, ip: r.ip, requestId: r.requestId },
      action: r.action,
      outcome: r.outcome,
      schoolId: r.schoolId,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
    }));
  }
}

export class TypeOrmReleaseLedger implements ReleaseLedger {
  constructor(private readonly em: EntityManager) {}

  async list(q: LedgerQuery): Promise<LedgerRow[]> {
    const params: unknown[] = [q.schoolId];
    let where = 'l.school_id = $1';
    if (q.participantId) where += ` AND l.participant_id = $${params.push(q.participantId)}`;
    if (q.since) where += ` AND l.occurred_at >= $${params.push(q.since)}`;
    if (q.until) where += ` AND l.occurred_at < $${params.push(q.until)}`;
    const rows: Array<Record<string, unknown>> = await this.em.query(
      `SELECT l.occurred_at, l.participant_id, p.name AS participant_name, sp.entity_id, l.api_client_id, l.channel, l.categories, l.people_count
         FROM release_ledger l
         JOIN participants p ON p.id = l.participant_id
         LEFT JOIN service_providers sp ON sp.id = l.service_provider_id
        WHERE ${where}
        ORDER BY l.occurred_at DESC, l.id DESC
        LIMIT $${params.push(Math.min(q.limit ?? 1000, 10000))}`,
      params,
    );
    return rows.map((r) => ({
      occurredAt: new Date(r.occurred_at as string),
      participantId: r.participant_id as string,
      participantName: r.participant_name as string,
      serviceProviderEntityId: (r.entity_id as string | null) ?? null,
      apiClientId: (r.api_client_id as string | null) ?? null,
      channel: r.channel as 'sso' | 'api',
      categories: r.categories as string[],
      peopleCount: Number(r.people_count),
    }));
  }

  async recordWithAudit(entry: ReleaseLedgerEntryInput, event: AuditEventInput): Promise<void> {
    // One statement is one transaction: both rows or neither.
    await this.em.query(
      `WITH ledger AS (
         INSERT INTO release_ledger (school_id, participant_id, service_provider_id, api_client_id, channel, categories, people_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
       )
       INSERT INTO audit_events (actor_type, actor_id, ip, request_id, school_id, action, outcome, target_type, target_id, details)
       VALUES ($8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        entry.schoolId,
        entry.participantId,
        entry.serviceProviderId ?? null,
        entry.apiClientId ?? null,
        entry.channel,
        [...entry.categories],
        entry.peopleCount,
        event.actor.type,
        storable(event.actor.id),
        auditIp(event.actor.ip),
        event.actor.requestId ?? null,
        event.schoolId ?? null,
        event.action,
        event.outcome,
        event.targetType ?? null,
        event.targetId ?? null,
        JSON.stringify(storable(event.details ?? {})),
      ],
    );
  }

  async record(entry: ReleaseLedgerEntryInput): Promise<void> {
    await this.em.getRepository(ReleaseLedgerEntity).insert({
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
