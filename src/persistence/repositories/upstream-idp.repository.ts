import type { EntityManager } from 'typeorm';
import type { SamlEndpoint } from '../../domain/model';
import type {
  UpstreamIdp,
  UpstreamIdpMetadata,
  UpstreamIdpRepository,
  UpstreamIdpSettings,
  UpstreamMatch,
  UpstreamRoles,
} from '../../domain/federation/upstream';

interface Row {
  id: string;
  school_id: string;
  entity_id: string;
  sso_url: string;
  slo_endpoints: SamlEndpoint[];
  signing_certificates: string[];
  valid_until: Date | string | null;
  metadata_url: string | null;
  metadata_trust_certificate: string | null;
  metadata_fetched_at: Date | string;
  roles: UpstreamRoles;
  identifier: string;
  match_on: UpstreamMatch;
  allow_unsolicited: boolean;
  want_assertions_signed: boolean;
  created_at: Date | string;
  refresh_checked_at: Date | string | null;
  refresh_error: string | null;
  created?: boolean;
}

const COLUMNS =
  'id, school_id, entity_id, sso_url, slo_endpoints, signing_certificates, valid_until, metadata_url, metadata_trust_certificate, metadata_fetched_at, roles, identifier, match_on, allow_unsolicited, want_assertions_signed, created_at, refresh_checked_at, refresh_error';

function toModel(r: Row): UpstreamIdp {
  const settings: UpstreamIdpSettings = {
    roles: r.roles,
    identifier: r.identifier,
    matchOn: r.match_on,
    allowUnsolicited: r.allow_unsolicited,
    wantAssertionsSigned: r.want_assertions_signed,
    metadataUrl: r.metadata_url,
    metadataTrustCertificate: r.metadata_trust_certificate,
  };
  return {
    id: r.id,
    schoolId: r.school_id,
    entityId: r.entity_id,
    ssoUrl: r.sso_url,
    sloEndpoints: r.slo_endpoints ?? [],
    signingCertificates: r.signing_certificates,
    allowUnsolicited: r.allow_unsolicited,
    wantAssertionsSigned: r.want_assertions_signed,
    validUntil: r.valid_until === null ? null : new Date(r.valid_until),
    settings,
    metadataFetchedAt: new Date(r.metadata_fetched_at),
    createdAt: new Date(r.created_at),
    lastRefresh: r.refresh_checked_at === null ? null : { at: new Date(r.refresh_checked_at), error: r.refresh_error },
  };
}

export class TypeOrmUpstreamIdpRepository implements UpstreamIdpRepository {
  constructor(private readonly em: EntityManager) {}

  async upsert(
    schoolId: string,
    m: UpstreamIdpMetadata,
    s: UpstreamIdpSettings,
    at: Date,
  ): Promise<{ idp: UpstreamIdp; created: boolean }> {
    // xmax = 0 tells an inserted row from an updated one in the same statement.
    const rows: Row[] = await this.em.query(
      `INSERT INTO upstream_idps (school_id, entity_id, sso_url, signing_certificates, valid_until, metadata_xml, metadata_url,
         metadata_trust_certificate, metadata_fetched_at, roles, identifier, match_on, allow_unsolicited, want_assertions_signed, slo_endpoints)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (school_id) DO UPDATE SET entity_id = EXCLUDED.entity_id, sso_url = EXCLUDED.sso_url,
         signing_certificates = EXCLUDED.signing_certificates, valid_until = EXCLUDED.valid_until, metadata_xml = EXCLUDED.metadata_xml,
         metadata_url = EXCLUDED.metadata_url, metadata_trust_certificate = EXCLUDED.metadata_trust_certificate,
         metadata_fetched_at = EXCLUDED.metadata_fetched_at, roles = EXCLUDED.roles, identifier = EXCLUDED.identifier,
         match_on = EXCLUDED.match_on, allow_unsolicited = EXCLUDED.allow_unsolicited, want_assertions_signed = EXCLUDED.want_assertions_signed,
         slo_endpoints = EXCLUDED.slo_endpoints, refresh_checked_at = NULL, refresh_error = NULL
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [
        schoolId,
        m.entityId,
        m.ssoUrl,
        JSON.stringify(m.signingCertificates),
        m.validUntil,
        m.metadataXml,
        s.metadataUrl,
        s.metadataTrustCertificate,
        at,
        s.roles,
        s.identifier,
        s.matchOn,
        s.allowUnsolicited,
        s.wantAssertionsSigned,
        JSON.stringify(m.sloEndpoints),
      ],
    );
    const row = rows[0]!;
    return { idp: toModel(row), created: row.created === true };
  }

  async findBySchool(schoolId: string, lock = false): Promise<UpstreamIdp | null> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM upstream_idps WHERE school_id = $1${lock ? ' FOR UPDATE' : ''}`, [
      schoolId,
    ]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  async recordRefresh(id: string, at: Date, error: string | null): Promise<void> {
    await this.em.query('UPDATE upstream_idps SET refresh_checked_at = $2, refresh_error = $3 WHERE id = $1', [id, at, error]);
  }

  async findByEntityId(entityId: string): Promise<UpstreamIdp[]> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM upstream_idps WHERE entity_id = $1 ORDER BY created_at`, [entityId]);
    return rows.map(toModel);
  }

  async list(): Promise<UpstreamIdp[]> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM upstream_idps ORDER BY created_at`);
    return rows.map(toModel);
  }

  async removeBySchool(schoolId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      'WITH gone AS (DELETE FROM upstream_idps WHERE school_id = $1 RETURNING id) SELECT id FROM gone',
      [schoolId],
    );
    return rows.length === 1;
  }
}
