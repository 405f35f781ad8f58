import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sign-in (WeChat and staff), sessions and idempotent writes. */
export class Foundation1763740800000 implements MigrationInterface {
  name = 'Foundation1763740800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('member', 'staff')),
        display_name text NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        -- The roster entry this account is bound to; its foreign key comes with the roster.
        member_id uuid NULL,
        -- Phone confirmed through WeChat: AES-256-GCM ciphertext and keyed blind index.
        phone_cipher text NULL,
        phone_index text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX accounts_member_id_key ON accounts (member_id) WHERE member_id IS NOT NULL`);
    await q.query(`CREATE INDEX accounts_phone_index_idx ON accounts (phone_index) WHERE phone_index IS NOT NULL`);

    await q.query(`
      CREATE TABLE role_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('member', 'branch_secretary', 'branch_committee', 'org_admin', 'community_staff', 'system_admin')),
        -- The org subtree the role applies to; its foreign key comes with the organisation tree.
        org_id uuid NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX role_grants_active_key ON role_grants (account_id, role, COALESCE(org_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE revoked_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE wechat_identities (
        app_id text NOT NULL,
        openid text NOT NULL,
        unionid text NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NULL,
        PRIMARY KEY (app_id, openid)
      )`);
    await q.query(`CREATE INDEX wechat_identities_account_idx ON wechat_identities (account_id)`);

    await q.query(`
      CREATE TABLE staff_credentials (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        username text NOT NULL,
        password_hash text NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_credentials_username_key ON staff_credentials (lower(username))`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        access_token_hash text NOT NULL,
        refresh_token_hash text NOT NULL,
        access_expires_at timestamptz NOT NULL,
        refresh_expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        refreshed_at timestamptz NULL,
        revoked_at timestamptz NULL,
        client_ip text NULL,
        user_agent text NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX sessions_access_token_hash_key ON sessions (access_token_hash)`);
    await q.query(`CREATE UNIQUE INDEX sessions_refresh_token_hash_key ON sessions (refresh_token_hash)`);
    await q.query(`CREATE INDEX sessions_account_idx ON sessions (account_id)`);
    await q.query(`CREATE INDEX sessions_refresh_expires_idx ON sessions (refresh_expires_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('in_progress', 'completed')),
        response_status integer NULL,
        response_body jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE staff_credentials`);
    await q.query(`DROP TABLE wechat_identities`);
    await q.query(`DROP TABLE role_grants`);
    await q.query(`DROP TABLE accounts`);
  }
}
