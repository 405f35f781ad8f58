import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The skill taxonomy a card's skills and a need's category come from; system admins keep it. */
const SKILLS: [string, string][] = [
  ['plumbing_electrical', '水电维修'],
  ['appliance_repair', '家电维修'],
  ['renovation', '装修'],
  ['legal_advice', '法律咨询'],
  ['medical_care', '医疗护理'],
  ['counselling', '心理疏导'],
  ['tutoring', '教育辅导'],
  ['ecommerce_live', '电商直播'],
  ['driving_transport', '驾驶运输'],
  ['hairdressing', '理发美容'],
  ['housekeeping', '家政'],
  ['computing', '计算机'],
  ['translation', '翻译'],
  ['arts_publicity', '文艺宣传'],
  ['elderly_care', '助老助残'],
  ['farming_tech', '农业技术'],
];

/**
 * Volunteering (志愿服务).
 *
 * - The skill taxonomy, seeded here.
 * - Skill cards: a member's skills, service area (a community or street, by
 *   path, so a board is a btree range scan), availability; an optional
 *   photo, stored with its metadata stripped.
 * - Requests from residents and staff to a card; at most one pending request
 *   per requester and card.
 * - Needs posted by a community or a branch, with a sign-up counter that a
 *   CHECK keeps within the headcount (a sign-up is one conditional UPDATE).
 * - Services: an accepted request or a sign-up, checked in and out, rated
 *   by the recipient; one live service per need and member.
 * - 雁归 pledges: members willing to come home and serve.
 */
export class Volunteer1764900000000 implements MigrationInterface {
  name = 'Volunteer1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE volunteer_skills (
        code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,31}$'),
        label text NOT NULL UNIQUE,
        position integer NOT NULL,
        disabled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [i, [code, label]] of SKILLS.entries()) {
      await q.query(`INSERT INTO volunteer_skills (code, label, position) VALUES ($1, $2, $3)`, [
        code,
        label,
        (i + 1) * 10,
      ]);
    }

    await q.query(`
      CREATE TABLE volunteer_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        skill_codes text[] NOT NULL CHECK (cardinality(skill_codes) BETWEEN 1 AND 5),
        extra_skills text NULL,
        description text NOT NULL,
        area_org_id uuid NOT NULL REFERENCES orgs (id),
        area_path text COLLATE "C" NOT NULL,
        region_text text NULL,
        available_days smallint[] NOT NULL DEFAULT '{}',
        available_slots text[] NOT NULL DEFAULT '{}',
        availability_note text NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX volunteer_cards_board ON volunteer_cards (area_path, created_at DESC, id DESC) WHERE status = 'active'`,
    );
    await q.query(
      `CREATE INDEX volunteer_cards_skills ON volunteer_cards USING gin (skill_codes) WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX volunteer_cards_member ON volunteer_cards (member_id)`);

    await q.query(`
      CREATE TABLE volunteer_card_photos (
        card_id uuid PRIMARY KEY REFERENCES volunteer_cards (id) ON DELETE CASCADE,
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
        bytes bytea NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size BETWEEN 1 AND 524288),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE volunteer_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        card_id uuid NOT NULL REFERENCES volunteer_cards (id),
        member_id uuid NOT NULL REFERENCES members (id),
        requester_account_id uuid NOT NULL REFERENCES accounts (id),
        requester_org_id uuid NULL REFERENCES orgs (id),
        message text NOT NULL,
        place text NOT NULL,
        preferred_time text NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
        decline_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL
      )`);
    await q.query(
      `CREATE INDEX volunteer_requests_requester ON volunteer_requests (requester_account_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX volunteer_requests_member ON volunteer_requests (member_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE UNIQUE INDEX volunteer_requests_pending_once ON volunteer_requests (requester_account_id, card_id) WHERE status = 'pending'`,
    );

    await q.query(`
      CREATE TABLE volunteer_needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES orgs (id),
        org_path text COLLATE "C" NOT NULL,
        posted_by uuid NOT NULL REFERENCES accounts (id),
        skill_code text COLLATE "C" NOT NULL REFERENCES volunteer_skills (code),
        title text NOT NULL,
        place text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 200),
        signed_up integer NOT NULL DEFAULT 0,
        description text NULL,
        cancelled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT volunteer_needs_window CHECK (starts_at < ends_at),
        CONSTRAINT volunteer_needs_headcount CHECK (signed_up BETWEEN 0 AND headcount)
      )`);
    await q.query(`CREATE INDEX volunteer_needs_org ON volunteer_needs (org_path, starts_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX volunteer_needs_board ON volunteer_needs (org_path, ends_at) WHERE cancelled_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE volunteer_services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        origin text NOT NULL CHECK (origin IN ('request', 'need')),
        request_id uuid NULL UNIQUE REFERENCES volunteer_requests (id),
        need_id uuid NULL REFERENCES volunteer_needs (id),
        card_id uuid NULL REFERENCES volunteer_cards (id),
        member_id uuid NOT NULL REFERENCES members (id),
        skill_code text COLLATE "C" NOT NULL REFERENCES volunteer_skills (code),
        title text NOT NULL,
        place text NOT NULL,
        starts_at timestamptz NULL,
        recipient_account_id uuid NULL REFERENCES accounts (id),
        recipient_org_id uuid NULL REFERENCES orgs (id),
        recipient_org_path text COLLATE "C" NULL,
        status text NOT NULL DEFAULT 'scheduled'
          CHECK (status IN ('scheduled', 'in_progress', 'completed', 'confirmed', 'cancelled')),
        checked_in_at timestamptz NULL,
        checked_in_by uuid NULL REFERENCES accounts (id),
        checked_out_at timestamptz NULL,
        checked_out_by uuid NULL REFERENCES accounts (id),
        minutes integer NULL CHECK (minutes >= 0),
        rating smallint NULL CHECK (rating BETWEEN 1 AND 5),
        rating_comment text NULL,
        confirmed_at timestamptz NULL,
        confirmed_by uuid NULL REFERENCES accounts (id),
        cancelled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT volunteer_services_origin CHECK (
          (origin = 'request' AND request_id IS NOT NULL AND recipient_account_id IS NOT NULL)
          OR (origin = 'need' AND need_id IS NOT NULL AND recipient_org_id IS NOT NULL AND recipient_org_path IS NOT NULL)
        )
      )`);
    await q.query(
      `CREATE UNIQUE INDEX volunteer_services_need_member ON volunteer_services (need_id, member_id) WHERE status <> 'cancelled'`,
    );
    await q.query(`CREATE INDEX volunteer_services_member ON volunteer_services (member_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX volunteer_services_recipient ON volunteer_services (recipient_account_id, created_at DESC, id DESC) WHERE recipient_account_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX volunteer_services_recipient_org ON volunteer_services (recipient_org_path, created_at DESC, id DESC) WHERE recipient_org_path IS NOT NULL`,
    );
    await q.query(`CREATE INDEX volunteer_services_need ON volunteer_services (need_id) WHERE need_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE return_pledges (
        member_id uuid PRIMARY KEY REFERENCES members (id),
        preferred_role text NOT NULL
          CHECK (preferred_role IN ('reserve_cadre', 'industry_leader', 'village_service', 'advisor', 'other')),
        note text NULL,
        since timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX return_pledges_active ON return_pledges (since DESC, member_id DESC) WHERE withdrawn_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE return_pledges`);
    await q.query(`DROP TABLE volunteer_services`);
    await q.query(`DROP TABLE volunteer_needs`);
    await q.query(`DROP TABLE volunteer_requests`);
    await q.query(`DROP TABLE volunteer_card_photos`);
    await q.query(`DROP TABLE volunteer_cards`);
    await q.query(`DROP TABLE volunteer_skills`);
  }
}
