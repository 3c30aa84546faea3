import type { EntityManager } from 'typeorm';
import type { AuditEventInput, ReleaseLedgerEntryInput } from '../../domain/model';
import type { LedgerQuery, ReleaseLedger } from '../../domain/audit/ports';
import type { LedgerChannel, LedgerRow } from '../../domain/model';
import { auditIp, storable } from './audit-log.repository';
import { ReleaseLedgerEntity } from '../entities/governance.entity';

export class TypeOrmReleaseLedgerRepository implements ReleaseLedger {
  constructor(private readonly em: EntityManager) {}

  async list(q: LedgerQuery): Promise<LedgerRow[]> {
    const params: unknown[] = [q.schoolId];
    let where = 'l.school_id = $1';
    if (q.participantId) where += ` AND l.participant_id = $${params.push(q.participantId)}`;
    if (q.since) where += ` AND l.occurred_at >= $${params.push(q.since)}`;
    if (q.until) where += ` AND l.occurred_at < $${params.push(q.until)}`;
    const rows: Array<Record<string, unknown>> = await this.em.query(
      `SELECT l.occurred_at, l.participant_id, p.name AS participant_name, sp.entity_id, l.api_client_id, l.oidc_client_id, l.channel, l.categories, l.people_count
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
      oidcClientId: (r.oidc_client_id as string | null) ?? null,
      channel: r.channel as LedgerChannel,
      categories: r.categories as string[],
      peopleCount: Number(r.people_count),
    }));
  }

  async recordWithAudit(entry: ReleaseLedgerEntryInput, event: AuditEventInput): Promise<void> {
    // One statement is one transaction: both rows or neither.
    await this.em.query(
      `WITH ledger AS (
         INSERT INTO release_ledger (school_id, participant_id, service_provider_id, api_client_id, oidc_client_id, channel, categories, people_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       )
       INSERT INTO audit_events (actor_type, actor_id, ip, request_id, school_id, action, outcome, target_type, target_id, details)
       VALUES ($9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        entry.schoolId,
        entry.participantId,
        entry.serviceProviderId ?? null,
        entry.apiClientId ?? null,
        entry.oidcClientId ?? null,
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

  async categoriesReleased(participantId: string, since: Date | null): Promise<string[]> {
    const rows: Array<{ category: string }> = await this.em.query(
      `SELECT DISTINCT unnest(categories) AS category FROM release_ledger
        WHERE participant_id = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2) ORDER BY 1`,
      [participantId, since],
    );
    return rows.map((r) => r.category);
  }

  async record(entry: ReleaseLedgerEntryInput): Promise<void> {
    await this.em.getRepository(ReleaseLedgerEntity).insert({
      schoolId: entry.schoolId,
      participantId: entry.participantId,
      serviceProviderId: entry.serviceProviderId ?? null,
      apiClientId: entry.apiClientId ?? null,
      oidcClientId: entry.oidcClientId ?? null,
      channel: entry.channel,
      categories: [...entry.categories],
      peopleCount: entry.peopleCount,
    });
  }
}
