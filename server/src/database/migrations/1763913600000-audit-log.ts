import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (审计日志): one append-only, hash-chained table.
 *
 * Each row's `hash` is SHA-256 over the previous row's hash and a canonical
 * serialisation of the row (see audit/audit-chain.ts), so any edit, removal
 * or reordering of past rows breaks the chain and `pnpm audit:verify` names
 * the first bad event.
 *
 * The triggers refuse UPDATE, DELETE and TRUNCATE for everyone. They stop
 * mistakes and a compromised API, not the database owner or a superuser, who
 * can disable triggers: in production the API should connect as a role with
 * only SELECT and INSERT here (and USAGE on the id sequence), and the chain
 * check is what catches an owner who edits rows anyway.
 */
export class AuditLog1763913600000 implements MigrationInterface {
  name = 'AuditLog1763913600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        -- Set by the API and hashed as written; never defaulted, so verification recomputes exactly.
        at timestamptz NOT NULL,
        actor_account_id uuid NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('member', 'staff', 'system', 'anonymous')),
        action text NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
        target_type text NULL,
        target_id text NULL,
        -- The org subtree the event belongs to, for browsing by org admins.
        org_path text COLLATE "C" NULL,
        result text NOT NULL CHECK (result IN ('ok', 'denied', 'failed')),
        client_ip text NULL,
        -- Never personal data in clear: callers pass masked values.
        details jsonb NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE UNIQUE INDEX audit_events_hash_key ON audit_events (hash)`);
    await q.query(`CREATE INDEX audit_events_org_path_idx ON audit_events (org_path, id)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_account_id, id)`);

    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_update_delete
        BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate
        BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
  }
}
