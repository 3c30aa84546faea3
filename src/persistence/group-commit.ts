import type { DataSource } from 'typeorm';
import type { ReleaseRecord, ReleaseRecorder } from '../domain/audit/ports';
import { auditIp, storable } from './repositories/audit-log.repository';

/**
 * One statement — one transaction, one round trip — for a batch of Responses: the request IDs go into
 * the replay cache (a duplicate, also within the batch, wins once), and only for those that were new the
 * ledger rows and audit events are written.
 */
const COMMIT_BATCH = `
  WITH input AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[]) AS t(idx, issuer, message_id, expires_at)
  ), firsts AS (
    SELECT DISTINCT ON (issuer, message_id) idx, issuer, message_id, expires_at FROM input WHERE issuer IS NOT NULL ORDER BY issuer, message_id, idx
  ), remembered AS (
    INSERT INTO saml_message_ids (issuer, message_id, expires_at) SELECT issuer, message_id, expires_at FROM firsts
    ON CONFLICT (issuer, message_id) DO NOTHING RETURNING issuer, message_id
  ), ok AS (
    SELECT f.idx FROM firsts f JOIN remembered r ON r.issuer = f.issuer AND r.message_id = f.message_id
    UNION ALL SELECT idx FROM input WHERE issuer IS NULL
  ), ledger AS (
    INSERT INTO release_ledger (school_id, participant_id, service_provider_id, api_client_id, oidc_client_id, channel, categories, people_count)
    SELECT l.school_id, l.participant_id, l.service_provider_id, l.api_client_id, l.oidc_client_id, l.channel, ARRAY(SELECT jsonb_array_elements_text(l.categories::jsonb)), l.people_count
      FROM unnest($1::int[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[])
        AS l(idx, school_id, participant_id, service_provider_id, api_client_id, oidc_client_id, channel, categories, people_count)
     WHERE l.idx IN (SELECT idx FROM ok)
  ), audit AS (
    INSERT INTO audit_events (actor_type, actor_id, ip, request_id, school_id, action, outcome, target_type, target_id, details)
    SELECT a.actor_type, a.actor_id, a.ip::inet, a.request_id, a.school_id, a.action, a.outcome, a.target_type, a.target_id, a.details::jsonb
      FROM unnest($1::int[], $13::text[], $14::text[], $15::text[], $16::text[], $17::uuid[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[])
        AS a(idx, actor_type, actor_id, ip, request_id, school_id, action, outcome, target_type, target_id, details)
     WHERE a.idx IN (SELECT idx FROM ok)
  )
  SELECT idx FROM ok`;

type Pending = { record: ReleaseRecord; resolve: (r: 'recorded' | 'replayed') => void; reject: (e: unknown) => void };

/**
 * Group commit: while one batch is being committed, the next Responses wait in a queue and go together
 * in the next statement — under load many Responses share one round trip; alone, one goes at once.
 * Every Response still waits for its own rows to be committed.
 */
export class GroupCommitRecorder implements ReleaseRecorder {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly maxBatch = 256,
  ) {}

  record(record: ReleaseRecord): Promise<'recorded' | 'replayed'> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const ok = await this.commit(batch.map((p) => p.record));
          for (const [i, p] of batch.entries()) p.resolve(ok.has(i) ? 'recorded' : 'replayed');
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(records: readonly ReleaseRecord[]): Promise<Set<number>> {
    const col = <T>(f: (r: ReleaseRecord) => T) => records.map(f);
    const rows: Array<{ idx: number }> = await this.dataSource.query(COMMIT_BATCH, [
      records.map((_, i) => i),
      col((r) => r.replay?.issuer ?? null),
      col((r) => r.replay?.messageId ?? null),
      col((r) => r.replay?.expiresAt ?? null),
      col((r) => r.ledger.schoolId),
      col((r) => r.ledger.participantId),
      col((r) => r.ledger.serviceProviderId ?? null),
      col((r) => r.ledger.apiClientId ?? null),
      col((r) => r.ledger.oidcClientId ?? null),
      col((r) => r.ledger.channel),
      col((r) => JSON.stringify(r.ledger.categories)),
      col((r) => r.ledger.peopleCount),
      col((r) => r.audit.actor.type),
      col((r) => storable(r.audit.actor.id)),
      col((r) => auditIp(r.audit.actor.ip)),
      col((r) => r.audit.actor.requestId ?? null),
      col((r) => r.audit.schoolId ?? null),
      col((r) => r.audit.action),
      col((r) => r.audit.outcome),
      col((r) => r.audit.targetType ?? null),
      col((r) => r.audit.targetId ?? null),
      col((r) => JSON.stringify(storable(r.audit.details ?? {}))),
    ]);
    return new Set(rows.map((r) => Number(r.idx)));
  }
}
