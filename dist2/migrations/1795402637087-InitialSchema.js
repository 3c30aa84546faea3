"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitialSchema1795402637087 = void 0;
/**
 * The hub's first schema. Conventions: plural snake_case tables, uuid keys (gen_random_uuid, built into
 * PostgreSQL ≥ 13 and PGlite), timestamptz everywhere, personal data only as `*_enc` ciphertext
 * (AES-256-GCM, see src/crypto/field-cipher.ts) with `*_hmac` blind indexes where a lookup is needed.
 * One statement per query: PGlite's extended protocol runs one statement at a time.
 */
class InitialSchema1795402637087 {
    name = 'InitialSchema1795402637087';
    async up(q) {
        await q.query(`CREATE TABLE schools (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      brin char(4) NOT NULL CONSTRAINT schools_brin_format CHECK (brin ~ '^[0-9]{2}[A-Z]{2}$'),
      dependance_code char(2) NOT NULL DEFAULT '00' CONSTRAINT schools_dependance_code_format CHECK (dependance_code ~ '^[0-9]{2}$'),
      name text NOT NULL CONSTRAINT schools_name_not_blank CHECK (length(btrim(name)) > 0),
      assu_number text,
      visiting_street text,
      visiting_house_number text,
      visiting_postal_code text,
      visiting_city text,
      status text NOT NULL DEFAULT 'active' CONSTRAINT schools_status_valid CHECK (status IN ('active', 'terminating', 'terminated')),
      agreement_state text NOT NULL DEFAULT 'pending' CONSTRAINT schools_agreement_state_valid CHECK (agreement_state IN ('pending', 'accepted', 'superseded')),
      termination_requested_at timestamptz,
      destruction_due_at timestamptz,
      home_access_enabled boolean NOT NULL DEFAULT false,
      teacher_2fa_required boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT schools_brin_dependance_unique UNIQUE (brin, dependance_code)
    )`);
        await q.query(`CREATE TABLE groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      las_key text NOT NULL,
      name text NOT NULL,
      year_group smallint CONSTRAINT groups_year_group_range CHECK (year_group BETWEEN 0 AND 8),
      kind text NOT NULL DEFAULT 'stamgroep' CONSTRAINT groups_kind_valid CHECK (kind IN ('stamgroep', 'samengestelde_groep')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT groups_school_las_key_unique UNIQUE (school_id, las_key)
    )`);
        await q.query(`CREATE TABLE people (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      role text NOT NULL CONSTRAINT people_role_valid CHECK (role IN ('pupil', 'teacher', 'delegate')),
      las_key text,
      eck_id_enc text,
      eck_id_hmac text,
      first_name_enc text NOT NULL,
      infix_enc text,
      last_name_enc text NOT NULL,
      birth_date_enc text,
      gender char(1) CONSTRAINT people_gender_valid CHECK (gender IN ('M', 'V', 'X')),
      staff_email_enc text,
      staff_email_hmac text,
      status text NOT NULL DEFAULT 'active' CONSTRAINT people_status_valid CHECK (status IN ('active', 'inactive')),
      deactivated_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT people_staff_email_only_staff CHECK (role <> 'pupil' OR staff_email_enc IS NULL),
      CONSTRAINT people_id_role_unique UNIQUE (id, role)
    )`);
        await q.query(`CREATE UNIQUE INDEX people_pupil_las_key_unique ON people (school_id, las_key) WHERE role = 'pupil' AND las_key IS NOT NULL`);
        await q.query(`CREATE UNIQUE INDEX people_staff_las_key_unique ON people (school_id, las_key) WHERE role <> 'pupil' AND las_key IS NOT NULL`);
        await q.query(`CREATE UNIQUE INDEX people_eck_id_unique ON people (eck_id_hmac) WHERE eck_id_hmac IS NOT NULL`);
        await q.query(`CREATE INDEX people_staff_email_lookup ON people (staff_email_hmac) WHERE staff_email_hmac IS NOT NULL`);
        await q.query(`CREATE INDEX people_school ON people (school_id)`);
        // Home access (annex B.2/D): at most two addresses, pupils only — both enforced here, not just in code.
        await q.query(`CREATE TABLE pupil_home_emails (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL,
      person_role text NOT NULL DEFAULT 'pupil' CONSTRAINT pupil_home_emails_pupils_only CHECK (person_role = 'pupil'),
      position smallint NOT NULL CONSTRAINT pupil_home_emails_at_most_two CHECK (position IN (1, 2)),
      email_enc text NOT NULL,
      email_hmac text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pupil_home_emails_person_fk FOREIGN KEY (person_id, person_role) REFERENCES people (id, role) ON DELETE CASCADE,
      CONSTRAINT pupil_home_emails_position_unique UNIQUE (person_id, position),
      CONSTRAINT pupil_home_emails_email_unique_per_pupil UNIQUE (person_id, email_hmac)
    )`);
        await q.query(`CREATE INDEX pupil_home_emails_lookup ON pupil_home_emails (email_hmac)`);
        await q.query(`CREATE TABLE group_memberships (
      group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      role_in_group text NOT NULL DEFAULT 'member' CONSTRAINT group_memberships_role_valid CHECK (role_in_group IN ('member', 'teacher')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, person_id)
    )`);
        await q.query(`CREATE INDEX group_memberships_person ON group_memberships (person_id)`);
        await q.query(`CREATE TABLE operators (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      display_name_enc text NOT NULL,
      email_enc text NOT NULL,
      email_hmac text NOT NULL CONSTRAINT operators_email_unique UNIQUE,
      roles text[] NOT NULL CONSTRAINT operators_roles_valid CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['helpdesk', 'dba', 'security_officer']::text[]),
      status text NOT NULL DEFAULT 'active' CONSTRAINT operators_status_valid CHECK (status IN ('active', 'disabled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
        // Usernames are often derived from names, so they are personal data too: ciphertext plus a blind
        // index, which is also what makes them unique hub-wide.
        await q.query(`CREATE TABLE credentials (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid CONSTRAINT credentials_person_unique UNIQUE REFERENCES people(id) ON DELETE CASCADE,
      operator_id uuid CONSTRAINT credentials_operator_unique UNIQUE REFERENCES operators(id) ON DELETE CASCADE,
      username_enc text NOT NULL,
      username_hmac text NOT NULL CONSTRAINT credentials_username_unique UNIQUE,
      password_hash text CONSTRAINT credentials_password_argon2id CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
      password_changed_at timestamptz,
      must_change_password boolean NOT NULL DEFAULT false,
      totp_secret_enc text,
      totp_enabled boolean NOT NULL DEFAULT false,
      recovery_code_hashes text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT credentials_exactly_one_owner CHECK ((person_id IS NULL) <> (operator_id IS NULL))
    )`);
        await q.query(`CREATE TABLE participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CONSTRAINT participants_name_unique UNIQUE CONSTRAINT participants_name_not_blank CHECK (length(btrim(name)) > 0),
      needs_birth_date boolean NOT NULL DEFAULT false,
      needs_gender boolean NOT NULL DEFAULT false,
      needs_email boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE TABLE service_providers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE RESTRICT,
      entity_id text NOT NULL CONSTRAINT service_providers_entity_id_unique UNIQUE,
      metadata_xml text NOT NULL,
      metadata_valid_until timestamptz,
      signing_certificates text[] NOT NULL DEFAULT '{}',
      encryption_certificates text[] NOT NULL DEFAULT '{}',
      acs_endpoints jsonb NOT NULL DEFAULT '[]',
      slo_endpoints jsonb NOT NULL DEFAULT '[]',
      requested_attributes jsonb NOT NULL DEFAULT '[]',
      attribute_allow_list text[],
      want_assertions_signed boolean NOT NULL DEFAULT true,
      authn_requests_signed boolean NOT NULL DEFAULT false,
      sign_response boolean NOT NULL DEFAULT true,
      encrypt_assertion boolean NOT NULL DEFAULT false,
      allow_unsolicited boolean NOT NULL DEFAULT false,
      name_id_format text NOT NULL DEFAULT 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE TABLE products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE RESTRICT,
      service_provider_id uuid REFERENCES service_providers(id) ON DELETE SET NULL,
      method text,
      name text NOT NULL CONSTRAINT products_name_not_blank CHECK (length(btrim(name)) > 0),
      icon_url text,
      launch_url text,
      is_teacher_app boolean NOT NULL DEFAULT false,
      is_test_app boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT products_participant_name_unique UNIQUE (participant_id, name)
    )`);
        await q.query(`CREATE TABLE licences (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      product_id uuid NOT NULL REFERENCES products(id) ON DELETE RESTRICT,
      valid_from timestamptz NOT NULL,
      valid_until timestamptz NOT NULL,
      seats integer CONSTRAINT licences_seats_positive CHECK (seats IS NULL OR seats > 0),
      scope text NOT NULL CONSTRAINT licences_scope_valid CHECK (scope IN ('all', 'assigned')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT licences_period_valid CHECK (valid_until > valid_from)
    )`);
        await q.query(`CREATE INDEX licences_school_product ON licences (school_id, product_id)`);
        await q.query(`CREATE TABLE licence_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      licence_id uuid NOT NULL REFERENCES licences(id) ON DELETE CASCADE,
      group_id uuid REFERENCES groups(id) ON DELETE CASCADE,
      person_id uuid REFERENCES people(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT licence_assignments_exactly_one_target CHECK ((group_id IS NULL) <> (person_id IS NULL)),
      CONSTRAINT licence_assignments_group_unique UNIQUE (licence_id, group_id),
      CONSTRAINT licence_assignments_person_unique UNIQUE (licence_id, person_id)
    )`);
        await q.query(`CREATE TABLE activations (
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      enabled boolean NOT NULL,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (school_id, participant_id)
    )`);
        await q.query(`CREATE TABLE activation_history (
      id bigserial PRIMARY KEY,
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      enabled boolean NOT NULL,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE INDEX activation_history_lookup ON activation_history (school_id, participant_id, changed_at)`);
        await q.query(`CREATE TABLE agreement_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      version text NOT NULL CONSTRAINT agreement_versions_version_unique UNIQUE,
      body text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      effective_from timestamptz NOT NULL,
      published_by text NOT NULL
    )`);
        await q.query(`CREATE TABLE agreement_acceptances (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      agreement_version_id uuid NOT NULL REFERENCES agreement_versions(id) ON DELETE RESTRICT,
      accepted_by uuid NOT NULL,
      accepted_at timestamptz NOT NULL DEFAULT now(),
      accepted_from_ip inet,
      CONSTRAINT agreement_acceptances_once UNIQUE (school_id, agreement_version_id)
    )`);
        // Audit and ledger rows outlive the people they mention: they hold ids, never names or values,
        // and have no foreign keys so a deletion on the school's request does not erase its own trace.
        await q.query(`CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_type text NOT NULL CONSTRAINT audit_events_actor_type_valid CHECK (actor_type IN ('operator', 'person', 'cli', 'system', 'sp', 'anonymous')),
      actor_id text NOT NULL,
      school_id uuid,
      action text NOT NULL,
      outcome text NOT NULL CONSTRAINT audit_events_outcome_valid CHECK (outcome IN ('success', 'failure')),
      target_type text,
      target_id text,
      ip inet,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}'
    )`);
        await q.query(`CREATE INDEX audit_events_school_time ON audit_events (school_id, occurred_at)`);
        await q.query(`CREATE INDEX audit_events_time ON audit_events (occurred_at)`);
        await q.query(`CREATE TABLE release_ledger (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      school_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      service_provider_id uuid,
      api_client_id text,
      channel text NOT NULL CONSTRAINT release_ledger_channel_valid CHECK (channel IN ('sso', 'api')),
      categories text[] NOT NULL,
      people_count integer NOT NULL CONSTRAINT release_ledger_people_count_valid CHECK (people_count >= 0)
    )`);
        await q.query(`CREATE INDEX release_ledger_school_time ON release_ledger (school_id, occurred_at)`);
    }
    async down(q) {
        for (const table of [
            'release_ledger',
            'audit_events',
            'agreement_acceptances',
            'agreement_versions',
            'activation_history',
            'activations',
            'licence_assignments',
            'licences',
            'products',
            'service_providers',
            'participants',
            'credentials',
            'operators',
            'group_memberships',
            'pupil_home_emails',
            'people',
            'groups',
            'schools',
        ]) {
            await q.query(`DROP TABLE ${table}`);
        }
    }
}
exports.InitialSchema1795402637087 = InitialSchema1795402637087;
//# sourceMappingURL=1795402637087-InitialSchema.js.map