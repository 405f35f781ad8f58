import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 结对联系 in full (docs/pairing.md):
 *
 * - `pairings` (made by the study migration as the current pairs only)
 *   keeps its history: a row per pairing with its own id, ended rather than
 *   deleted (unpaired, or re-paired to someone else), at most one live
 *   pairing per member. A live row carries its due day (`next_due_on`,
 *   computed by the shared `contactDueOn` when paired, contacted or its
 *   rules change) and `reminded_due_on`, the due day its overdue to-do was
 *   written for, so the daily scan reads only rows newly overdue.
 * - `pairing_contacts`: the contact log; notes are encrypted (whereabouts).
 * - `pairing_rules`: an org's own cadence and lost-contact settings.
 * - `lost_contact_proposals`: members silent too long, for the secretary.
 * - `inbox_items` may be addressed to one account (a committee member's own
 *   to-do), and holds at most one open contact-due or lost-contact to-do
 *   per member.
 */
export class Pairing1765100000000 implements MigrationInterface {
  name = 'Pairing1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pairings DROP CONSTRAINT pairings_pkey`);
    await q.query(`ALTER TABLE pairings ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE pairings ADD PRIMARY KEY (id)`);
    await q.query(`ALTER TABLE pairings ADD COLUMN branch_id uuid NULL REFERENCES orgs (id)`);
    await q.query(`UPDATE pairings p SET branch_id = m.branch_id FROM members m WHERE m.id = p.member_id`);
    await q.query(`ALTER TABLE pairings ALTER COLUMN branch_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE pairings
        ADD COLUMN paired_by uuid NULL REFERENCES accounts (id),
        ADD COLUMN abroad boolean NOT NULL DEFAULT false,
        ADD COLUMN last_contact_at timestamptz NULL,
        ADD COLUMN planned_next_on date NULL,
        ADD COLUMN next_due_on date NULL,
        ADD COLUMN reminded_due_on date NULL,
        ADD COLUMN ended_at timestamptz NULL,
        ADD COLUMN ended_by uuid NULL REFERENCES accounts (id),
        ADD COLUMN end_reason text NULL CHECK (end_reason IN ('unpaired', 'repaired')),
        ADD CONSTRAINT pairings_end_consistent CHECK ((ended_at IS NULL) = (end_reason IS NULL))`);
    // The study table let a member be paired with several committee members: the newest pairing stays live.
    await q.query(`
      UPDATE pairings p SET ended_at = now(), end_reason = 'repaired'
       WHERE EXISTS (SELECT 1 FROM pairings n WHERE n.member_id = p.member_id AND (n.since, n.id) > (p.since, p.id))`);
    // No org has rules yet: the default cadence, a month from pairing (PostgreSQL clamps to the month's end, as contactDueOn does).
    await q.query(`
      UPDATE pairings SET next_due_on = ((since AT TIME ZONE 'Asia/Shanghai')::date + interval '1 month')::date
       WHERE ended_at IS NULL`);
    await q.query(
      `ALTER TABLE pairings ADD CONSTRAINT pairings_live_due CHECK (ended_at IS NOT NULL OR next_due_on IS NOT NULL)`,
    );
    await q.query(`DROP INDEX pairings_member`);
    await q.query(`CREATE UNIQUE INDEX pairings_one_live_per_member ON pairings (member_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX pairings_member_history ON pairings (member_id, since DESC)`);
    await q.query(
      `CREATE INDEX pairings_committee_live ON pairings (committee_account_id, next_due_on, id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX pairings_branch_live ON pairings (branch_id) WHERE ended_at IS NULL`);
    // Who may be paired at a branch: the live committee and secretary grants there.
    await q.query(`CREATE INDEX role_grants_org_live ON role_grants (org_id, role) WHERE revoked_at IS NULL`);
    await q.query(
      `CREATE INDEX pairings_due ON pairings (next_due_on, id) WHERE ended_at IS NULL AND reminded_due_on IS NULL`,
    );

    await q.query(`
      CREATE TABLE pairing_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        pairing_id uuid NULL REFERENCES pairings (id),
        branch_id uuid NOT NULL REFERENCES orgs (id),
        account_id uuid NOT NULL REFERENCES accounts (id),
        method text NOT NULL CHECK (method IN ('phone', 'wechat', 'visit', 'letter')),
        reached boolean NOT NULL DEFAULT true,
        contacted_at timestamptz NOT NULL,
        note_cipher text NULL,
        next_contact_on date NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX pairing_contacts_member ON pairing_contacts (member_id, contacted_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX pairing_contacts_member_reached ON pairing_contacts (member_id, contacted_at DESC) WHERE reached`,
    );

    await q.query(`
      CREATE TABLE pairing_rules (
        org_id uuid PRIMARY KEY REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL,
        contact_months integer NOT NULL CHECK (contact_months BETWEEN 1 AND 6),
        abroad_contact_months integer NOT NULL CHECK (abroad_contact_months BETWEEN 1 AND 6),
        lost_after_days integer NOT NULL CHECK (lost_after_days BETWEEN 30 AND 365),
        dismiss_quiet_days integer NOT NULL CHECK (dismiss_quiet_days BETWEEN 7 AND 365),
        updated_by uuid NOT NULL REFERENCES accounts (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX pairing_rules_path ON pairing_rules (org_path)`);

    await q.query(`
      CREATE TABLE lost_contact_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        flow_id uuid NOT NULL REFERENCES flows (id),
        branch_id uuid NOT NULL REFERENCES orgs (id),
        branch_path text COLLATE "C" NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed', 'resolved')),
        last_seen_at timestamptz NULL,
        silent_days integer NOT NULL,
        proposed_at timestamptz NOT NULL,
        decided_at timestamptz NULL,
        decided_by uuid NULL REFERENCES accounts (id),
        reason_cipher text NULL,
        quiet_until timestamptz NULL,
        CONSTRAINT lost_contact_proposals_decided CHECK ((status = 'open') = (decided_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX lost_contact_proposals_one_open ON lost_contact_proposals (member_id) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX lost_contact_proposals_open_path ON lost_contact_proposals (branch_path, proposed_at DESC, id DESC) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX lost_contact_proposals_quiet ON lost_contact_proposals (member_id, quiet_until DESC) WHERE status = 'dismissed'`,
    );
    // The lost-contact scan walks members away (the states mark_lost accepts) by member id.
    await q.query(
      `CREATE INDEX flows_away_member ON flows (member_id) WHERE status IN ('approved', 'arrived', 'active')`,
    );

    await q.query(`ALTER TABLE inbox_items ADD COLUMN recipient_account_id uuid NULL REFERENCES accounts (id)`);
    await q.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_one_recipient`);
    await q.query(`
      ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_one_recipient
        CHECK (num_nonnulls(recipient_org_id, recipient_member_id, recipient_account_id) = 1)`);
    await q.query(
      `CREATE INDEX inbox_items_account ON inbox_items (recipient_account_id, created_at DESC, id DESC) WHERE recipient_account_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX inbox_items_pairing_todo_once ON inbox_items (subject_id, kind)
        WHERE kind IN ('pairing.contact_due', 'pairing.lost_proposed') AND category = 'todo' AND done_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_items_pairing_todo_once`);
    await q.query(`DELETE FROM inbox_items WHERE recipient_account_id IS NOT NULL`);
    await q.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_one_recipient`);
    await q.query(`
      ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_one_recipient
        CHECK ((recipient_org_id IS NULL) <> (recipient_member_id IS NULL))`);
    await q.query(`DROP INDEX inbox_items_account`);
    await q.query(`ALTER TABLE inbox_items DROP COLUMN recipient_account_id`);
    await q.query(`DROP INDEX flows_away_member`);
    await q.query(`DROP TABLE lost_contact_proposals`);
    await q.query(`DROP TABLE pairing_rules`);
    await q.query(`DROP TABLE pairing_contacts`);
    await q.query(`DELETE FROM pairings WHERE ended_at IS NOT NULL`);
    await q.query(`DROP INDEX pairings_due`);
    await q.query(`DROP INDEX role_grants_org_live`);
    await q.query(`DROP INDEX pairings_branch_live`);
    await q.query(`DROP INDEX pairings_committee_live`);
    await q.query(`DROP INDEX pairings_member_history`);
    await q.query(`DROP INDEX pairings_one_live_per_member`);
    await q.query(`
      ALTER TABLE pairings
        DROP CONSTRAINT pairings_live_due,
        DROP CONSTRAINT pairings_end_consistent,
        DROP COLUMN end_reason, DROP COLUMN ended_by, DROP COLUMN ended_at, DROP COLUMN reminded_due_on,
        DROP COLUMN next_due_on, DROP COLUMN planned_next_on, DROP COLUMN last_contact_at, DROP COLUMN abroad,
        DROP COLUMN paired_by, DROP COLUMN branch_id`);
    await q.query(`ALTER TABLE pairings DROP CONSTRAINT pairings_pkey`);
    await q.query(`ALTER TABLE pairings DROP COLUMN id`);
    await q.query(`ALTER TABLE pairings ADD PRIMARY KEY (committee_account_id, member_id)`);
    await q.query(`CREATE INDEX pairings_member ON pairings (member_id)`);
  }
}
