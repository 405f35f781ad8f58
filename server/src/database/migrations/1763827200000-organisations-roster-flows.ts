import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation tree, the roster and flows (流动): the data every other
 * capability stands on.
 *
 * Subtrees are found by a materialised path (`/<id>/<id>/…/`, collation "C")
 * with a plain btree range scan, so no extension is needed on a managed
 * PostgreSQL. Members and flows carry a copy of their branch's path so scope
 * filters never join up the tree.
 *
 * Names, ID numbers, phones and whereabouts are stored only encrypted
 * (AES-256-GCM, see FieldCipher) with keyed blind indexes for exact lookups.
 */
export class OrganisationsRosterFlows1763827200000 implements MigrationInterface {
  name = 'OrganisationsRosterFlows1763827200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orgs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid NULL REFERENCES orgs (id),
        path text COLLATE "C" NOT NULL,
        depth smallint NOT NULL CHECK (depth >= 0),
        level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village', 'committee', 'branch', 'group')),
        kind text NOT NULL DEFAULT 'regular'
          CHECK (kind IN ('regular', 'mobile_member_branch', 'chamber_branch', 'trade_branch', 'park_branch', 'community')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code char(6) NULL CHECK (region_code ~ '^[0-9]{6}$'),
        address text NULL,
        latitude numeric(9, 6) NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) NULL CHECK (longitude BETWEEN -180 AND 180),
        secretary_name text NULL,
        activity_day smallint NULL CHECK (activity_day BETWEEN 1 AND 31),
        -- For a 流动党员党支部 or 商会党支部 set up away from home: the sending county that set it up.
        founding_org_id uuid NULL REFERENCES orgs (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX orgs_path_key ON orgs (path)`);
    await q.query(`CREATE INDEX orgs_parent_idx ON orgs (parent_id)`);
    await q.query(`CREATE INDEX orgs_region_code_idx ON orgs (region_code)`);

    await q.query(`
      ALTER TABLE role_grants
        ADD CONSTRAINT role_grants_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)`);

    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The branch holding the membership (组织关系): the sending side.
        branch_id uuid NOT NULL REFERENCES orgs (id),
        branch_path text COLLATE "C" NOT NULL,
        name_cipher text NOT NULL,
        name_index text NOT NULL,
        gender text NULL CHECK (gender IN ('male', 'female')),
        ethnicity text NULL,
        birth_date date NULL,
        id_number_cipher text NOT NULL,
        id_number_index text NOT NULL,
        -- Blind index of name + last 6 of the ID number, for WeChat binding.
        name_id6_index text NOT NULL,
        phone_cipher text NULL,
        phone_index text NULL,
        education text NULL,
        joined_at date NULL,
        membership_status text NOT NULL DEFAULT 'full' CHECK (membership_status IN ('full', 'probationary')),
        residence_cipher text NULL,
        occupation text NULL,
        industry text NULL,
        employer text NULL,
        skills text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX members_id_number_index_key ON members (id_number_index)`);
    await q.query(`CREATE INDEX members_phone_index_idx ON members (phone_index) WHERE phone_index IS NOT NULL`);
    await q.query(`CREATE INDEX members_name_index_idx ON members (name_index)`);
    await q.query(`CREATE INDEX members_name_id6_index_idx ON members (name_id6_index)`);
    await q.query(`CREATE INDEX members_branch_path_idx ON members (branch_path, id)`);
    await q.query(`CREATE INDEX members_branch_idx ON members (branch_id)`);

    await q.query(`
      ALTER TABLE accounts
        ADD CONSTRAINT accounts_member_fk FOREIGN KEY (member_id) REFERENCES members (id)`);

    await q.query(`
      CREATE TABLE flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id),
        sending_branch_id uuid NOT NULL REFERENCES orgs (id),
        sending_path text COLLATE "C" NOT NULL,
        receiving_branch_id uuid NULL REFERENCES orgs (id),
        receiving_path text COLLATE "C" NULL,
        status text NOT NULL
          CHECK (status IN ('found', 'reported', 'approved', 'arrived', 'active', 'returned', 'transferred', 'lost_contact', 'declined', 'withdrawn')),
        -- outflow_report: the member reported leaving; found: a receiving branch registered a member it found (组织找党员);
        -- arrival: the member reported to a branch (报到) with no outflow report on file.
        origin text NOT NULL CHECK (origin IN ('outflow_report', 'found', 'arrival')),
        destination_region_code char(6) NULL CHECK (destination_region_code ~ '^[0-9]{6}$'),
        destination_address_cipher text NULL,
        industry text NULL,
        occupation text NULL,
        employer text NULL,
        expected_from date NULL,
        expected_until date NULL,
        party_group_id uuid NULL REFERENCES orgs (id),
        approved_at timestamptz NULL,
        arrived_at timestamptz NULL,
        activated_at timestamptz NULL,
        ended_at timestamptz NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open episode per member at a time.
    await q.query(
      `CREATE UNIQUE INDEX flows_one_open_per_member ON flows (member_id) WHERE status IN ('found', 'reported', 'approved', 'arrived', 'active')`,
    );
    await q.query(`CREATE INDEX flows_member_idx ON flows (member_id, created_at DESC)`);
    await q.query(`CREATE INDEX flows_sending_path_idx ON flows (sending_path, status)`);
    await q.query(
      `CREATE INDEX flows_receiving_path_idx ON flows (receiving_path, status) WHERE receiving_path IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE flow_transitions (
        id bigserial PRIMARY KEY,
        flow_id uuid NOT NULL REFERENCES flows (id),
        from_status text NULL,
        to_status text NOT NULL,
        action text NOT NULL,
        actor_account_id uuid NULL REFERENCES accounts (id),
        reason text NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX flow_transitions_flow_idx ON flow_transitions (flow_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE flow_transitions`);
    await q.query(`DROP TABLE flows`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_member_fk`);
    await q.query(`DROP TABLE members`);
    await q.query(`ALTER TABLE role_grants DROP CONSTRAINT role_grants_org_fk`);
    await q.query(`DROP TABLE orgs`);
  }
}
