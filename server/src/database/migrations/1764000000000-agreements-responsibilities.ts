import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The built-in 三张责任清单. The sources (解放区) give only the counts — 7
 * duties for the sending side, 6 for the receiving side, 5 for the member —
 * so the wording below is OUR READING of the usual duties, not a quotation.
 * A county may replace them with its own list.
 */
const DEFAULTS: [side: string, cadence: string, title: string][] = [
  ['sending', 'monthly', '掌握流动党员去向'],
  ['sending', 'monthly', '定期联系流动党员'],
  ['sending', 'yearly', '开展党籍管理与年度民主评议'],
  ['sending', 'once', '审批外出报告'],
  ['sending', 'once', '发放流动党员活动证'],
  ['sending', 'quarterly', '接收流入地反馈并存档'],
  ['sending', 'yearly', '组织返乡党员参加活动'],
  ['receiving', 'once', '接收流动党员报到'],
  ['receiving', 'monthly', '组织参加组织生活'],
  ['receiving', 'quarterly', '开展教育培训'],
  ['receiving', 'quarterly', '安排志愿服务'],
  ['receiving', 'quarterly', '按季度向流出地反馈表现'],
  ['receiving', 'once', '失联情况及时通报流出地'],
  ['member', 'once', '外出前向党支部报告'],
  ['member', 'once', '到达后向流入地党组织报到'],
  ['member', 'monthly', '参加流入地组织生活'],
  ['member', 'monthly', '按时交纳党费'],
  ['member', 'half_yearly', '每半年向党组织作思想汇报'],
];

/**
 * 共管协议 between a sending and a receiving org, responsibility list
 * templates (the built-in defaults have org_id NULL; a county's own list
 * overrides them for its subtree), and their instances per flow.
 */
export class AgreementsResponsibilities1764000000000 implements MigrationInterface {
  name = 'AgreementsResponsibilities1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE co_management_agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sending_org_id uuid NOT NULL REFERENCES orgs (id),
        receiving_org_id uuid NOT NULL REFERENCES orgs (id),
        title text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NULL,
        scope_note text NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
        created_by uuid NOT NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_by uuid NULL REFERENCES accounts (id),
        ended_at timestamptz NULL,
        CONSTRAINT co_management_agreements_dates CHECK (ends_on IS NULL OR starts_on <= ends_on),
        CONSTRAINT co_management_agreements_two_parties CHECK (sending_org_id <> receiving_org_id)
      )`);
    await q.query(`CREATE INDEX co_management_agreements_sending ON co_management_agreements (sending_org_id)`);
    await q.query(`CREATE INDEX co_management_agreements_receiving ON co_management_agreements (receiving_org_id)`);

    await q.query(`
      CREATE TABLE responsibility_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NULL REFERENCES orgs (id),
        agreement_id uuid NULL REFERENCES co_management_agreements (id),
        side text NOT NULL CHECK (side IN ('sending', 'receiving', 'member')),
        title text NOT NULL,
        cadence text NOT NULL CHECK (cadence IN ('once', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
        position integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX responsibility_templates_owner ON responsibility_templates (org_id, side, position) WHERE active`,
    );
    for (const [i, [side, cadence, title]] of DEFAULTS.entries()) {
      await q.query(
        `INSERT INTO responsibility_templates (org_id, side, title, cadence, position) VALUES (NULL, $1, $2, $3, $4)`,
        [side, title, cadence, i + 1],
      );
    }

    await q.query(`
      CREATE TABLE flow_responsibilities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id uuid NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
        template_id uuid NOT NULL REFERENCES responsibility_templates (id),
        side text NOT NULL CHECK (side IN ('sending', 'receiving', 'member')),
        title text NOT NULL,
        cadence text NOT NULL CHECK (cadence IN ('once', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
        position integer NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        due_on date NULL,
        evidence text NULL,
        done_at timestamptz NULL,
        done_by uuid NULL REFERENCES accounts (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT flow_responsibilities_once UNIQUE (flow_id, template_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE flow_responsibilities`);
    await q.query(`DROP TABLE responsibility_templates`);
    await q.query(`DROP TABLE co_management_agreements`);
  }
}
