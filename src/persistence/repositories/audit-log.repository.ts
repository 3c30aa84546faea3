import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { AuditEvent, AuditEventInput } from '../../domain/model';
import type { AuditLog, AuditQuery } from '../../domain/audit/ports';
import { AuditEventEntity } from '../entities/governance.entity';

/** IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d; the audit says a.b.c.d. */
export const auditIp = (ip: string | null | undefined) => (ip ? ip.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1') : null);

/**
 * PostgreSQL stores neither NUL (text and jsonb refuse it) nor lone surrogates (jsonb refuses them);
 * audit entries quote what clients sent (a refused request's reason), and recording one must never
 * fail because of it. Such characters become U+FFFD.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}

export class TypeOrmAuditLogRepository implements AuditLog {
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
    const rows = await this.em
      .getRepository(AuditEventEntity)
      .find({ where, order: { id: 'DESC' }, take: query.limit ?? 100, skip: query.offset ?? 0 });
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
