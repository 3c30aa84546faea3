import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { AuditEvent, AuditEventInput } from '../../domain/model';
import type { AuditLog, AuditQuery } from '../../domain/audit/ports';
import { AuditEventEntity } from '../entities/governance.entity';

/** IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d; the audit says a.b.c.d. */
export const auditIp = (ip: string | null | undefined) => (ip ? ip.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, '$1') : null);

export class TypeOrmAuditLogRepository implements AuditLog {
  constructor(private readonly em: EntityManager) {}

  async record(event: AuditEventInput): Promise<void> {
    await this.em.getRepository(AuditEventEntity).insert({
      actorType: event.actor.type,
      actorId: event.actor.id,
      ip: auditIp(event.actor.ip),
      requestId: event.actor.requestId ?? null,
      schoolId: event.schoolId ?? null,
      action: event.action,
      outcome: event.outcome,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      details: (event.details ?? {}) as never,
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
