import type { INestApplicationContext } from '@nestjs/common';
import {
  OPEN_FLOW_STATUSES,
  type FlowStatus,
  type Gender,
  type OrgKind,
  type OrgLevel,
  type Role,
} from '@pioneer/shared';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { MembersService } from '../members/members.service.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';

/**
 * A county that looks alive on first start: 修武县 with 10 townships, 100
 * villages and their branches, ~2,000 members, and receiving branches where
 * its people work (a 流动党员党支部 in Shanghai, a 商会党支部 in Hangzhou, a
 * delivery riders' 功能性党支部 in Zhengzhou), with ~300 flows in every state.
 * Deterministic: the same data on every machine.
 */

const TOWNSHIPS = [
  '城关镇',
  '五里源乡',
  '郇封镇',
  '周庄镇',
  '王屯乡',
  '岸上乡',
  '西村乡',
  '七贤镇',
  '方庄镇',
  '高村乡',
];
const VILLAGE_WORDS = ['东', '西', '南', '北', '前', '后', '大', '小', '新', '老'];
const VILLAGE_NAMES = ['王庄', '李河', '张楼', '刘营', '马坊', '杨屯', '赵堡', '孙寨', '周湾', '吴庄'];
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志国庆春梅海燕立新学军晓东建华红梅'.split('');
const INDUSTRIES = [
  '建筑业',
  '快递物流',
  '道路货运',
  '餐饮',
  '制造业',
  '电子商务',
  '家政服务',
  '批发零售',
  '医疗护理',
  '教育培训',
];
const OCCUPATIONS = [
  '施工员',
  '快递员',
  '货车司机',
  '厨师',
  '车间工人',
  '网店店主',
  '保洁员',
  '个体商户',
  '护士',
  '教师',
];
const SKILLS = ['水电维修', '泥瓦工', '驾驶', '厨艺', '电脑维修', '直播带货', '护理', '法律咨询', '电焊', '理发'];

/** A small deterministic PRNG (mulberry32) so demo data is the same everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idNumber(region: string, birth: string, serial: number, gender: Gender): string {
  const seq = (serial % 500) * 2 + (gender === 'male' ? 1 : 0);
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export interface DemoWorldOptions {
  /** Members per village branch (20 gives ~2,000). */
  membersPerBranch: number;
  /** ID numbers used elsewhere in the demo, never generated here. */
  reservedIdNumbers?: readonly string[];
}

export interface DemoWorld {
  county: Org;
  firstBranch: Org;
  mobileBranch: Org;
  members: number;
  flows: number;
}

export async function buildDemoWorld(app: INestApplicationContext, options: DemoWorldOptions): Promise<DemoWorld> {
  const orgs = app.get(OrgsService);
  const members = app.get(MembersService);
  const pii = app.get(PiiCrypto);
  const db = app.get(DataSource);
  const rand = prng(20261121);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];

  const org = (
    parent: Org | null,
    level: OrgLevel,
    name: string,
    extra: Partial<{
      kind: OrgKind;
      regionCode: string;
      activityDay: number;
      secretaryName: string;
      foundingOrgId: string;
      address: string;
    }> = {},
  ) =>
    orgs.insertTrusted(
      {
        parentId: parent?.id ?? null,
        level,
        kind: extra.kind ?? 'regular',
        name,
        regionCode: extra.regionCode ?? null,
        address: extra.address ?? null,
        latitude: null,
        longitude: null,
        secretaryName: extra.secretaryName ?? null,
        activityDay: extra.activityDay ?? null,
        foundingOrgId: extra.foundingOrgId ?? null,
      },
      parent,
    );

  const henan = await org(null, 'province', '河南省', { regionCode: '410000' });
  const jiaozuo = await org(henan, 'city', '焦作市', { regionCode: '410800' });
  const county = await org(jiaozuo, 'county', '修武县', { regionCode: '410821' });
  const branches: Org[] = [];
  for (const [t, townName] of TOWNSHIPS.entries()) {
    const town = await org(county, 'township', townName, { regionCode: '410821' });
    for (let v = 0; v < 10; v++) {
      const villageName = `${VILLAGE_WORDS[v]}${VILLAGE_NAMES[(t + v) % VILLAGE_NAMES.length]}村`;
      const village = await org(town, 'village', villageName);
      branches.push(
        await org(village, 'branch', `${villageName}党支部`, {
          activityDay: 30,
          secretaryName: `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
        }),
      );
    }
  }
  // Where people go: a mobile members' branch set up by the county in Shanghai (with party groups),
  // a hometown chamber of commerce branch in Hangzhou, and a delivery riders' trade branch in Zhengzhou.
  const shanghai = await org(null, 'province', '上海市', { regionCode: '310000' });
  const minhang = await org(await org(shanghai, 'city', '上海市辖区', { regionCode: '310100' }), 'county', '闵行区', {
    regionCode: '310112',
  });
  const qibao = await org(minhang, 'township', '七宝镇', { regionCode: '310112' });
  const mobileBranch = await org(qibao, 'branch', '修武县驻上海流动党员党支部', {
    kind: 'mobile_member_branch',
    foundingOrgId: county.id,
    activityDay: 30,
    address: '上海市闵行区七宝镇',
  });
  const groups = [
    await org(mobileBranch, 'group', '七宝第一党小组'),
    await org(mobileBranch, 'group', '七宝第二党小组'),
  ];
  const zhejiang = await org(null, 'province', '浙江省', { regionCode: '330000' });
  const hangzhou = await org(zhejiang, 'city', '杭州市', { regionCode: '330100' });
  const gongshu = await org(hangzhou, 'county', '拱墅区', { regionCode: '330105' });
  const chamber = await org(
    await org(gongshu, 'township', '湖墅街道', { regionCode: '330105' }),
    'branch',
    '杭州焦作商会党支部',
    { kind: 'chamber_branch', foundingOrgId: county.id },
  );
  const zhengzhou = await org(henan, 'city', '郑州市', { regionCode: '410100' });
  const jinshui = await org(zhengzhou, 'county', '金水区', { regionCode: '410105' });
  const riders = await org(
    await org(jinshui, 'township', '经八路街道', { regionCode: '410105' }),
    'branch',
    '外卖骑手流动党员功能性党支部',
    { kind: 'trade_branch' },
  );
  const receiving = [
    { branch: mobileBranch, region: '310112' },
    { branch: chamber, region: '330105' },
    { branch: riders, region: '410105' },
  ];

  // Members: membersPerBranch in every village branch.
  let serial = 0;
  const usedIds = new Set(options.reservedIdNumbers ?? []);
  const created: { id: string; branch: Org }[] = [];
  for (const branch of branches) {
    for (let i = 0; i < options.membersPerBranch; i++) {
      serial += 1;
      const gender: Gender = rand() < 0.7 ? 'male' : 'female';
      const year = 1955 + Math.floor(rand() * 45);
      const birth = `${year}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const industry = Math.floor(rand() * INDUSTRIES.length);
      let bump = 0;
      let id = idNumber('410821', birth, serial, gender);
      while (usedIds.has(id)) id = idNumber('410821', birth, serial + ++bump, gender);
      usedIds.add(id);
      const member = await members.insert(
        members.newMember(
          {
            name: `${pick(SURNAMES)}${pick(GIVEN)}${rand() < 0.6 ? pick(GIVEN) : ''}`,
            idNumber: id,
            phone: `1${pick(['35', '37', '38', '39', '52', '58', '86', '87'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
            gender,
            ethnicity: '汉族',
            birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
            education: pick(['初中', '高中', '中专', '大专', '本科']),
            joinedAt: `${Math.min(year + 25, 2024)}-07-01`,
            membershipStatus: rand() < 0.05 ? 'probationary' : 'full',
            residence: `焦作市修武县${branch.name.replace('党支部', '')}`,
            occupation: OCCUPATIONS[industry],
            industry: INDUSTRIES[industry],
            skills: rand() < 0.5 ? [pick(SKILLS)] : [],
          },
          branch.id,
          branch.path,
        ),
      );
      created.push({ id: member.id, branch });
    }
  }

  // ~15% of members have a flow, in every state of the lifecycle.
  const states: FlowStatus[] = [
    'reported',
    'approved',
    'arrived',
    'active',
    'active',
    'active',
    'active',
    'found',
    'returned',
    'transferred',
    'lost_contact',
    'declined',
  ];
  const flowMembers = created.filter((_, i) => i % 7 === 3);
  let flows = 0;
  for (const [i, m] of flowMembers.entries()) {
    const status = states[i % states.length];
    const dest = receiving[i % receiving.length];
    const hasReceiver = !['reported', 'approved', 'declined'].includes(status);
    const days = 10 + Math.floor(rand() * 400);
    const started = new Date(Date.UTC(2026, 10, 21) - days * 86400000);
    const industry = Math.floor(rand() * INDUSTRIES.length);
    const rows: { id: string }[] = await db.query(
      `INSERT INTO flows (member_id, sending_branch_id, sending_path, receiving_branch_id, receiving_path, status, origin,
                          destination_region_code, destination_address_cipher, industry, occupation, expected_from, expected_until,
                          party_group_id, approved_at, arrived_at, activated_at, ended_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
       RETURNING id`,
      [
        m.id,
        m.branch.id,
        m.branch.path,
        hasReceiver ? dest.branch.id : null,
        hasReceiver ? dest.branch.path : null,
        status,
        status === 'found' ? 'found' : 'outflow_report',
        dest.region,
        pii.encrypt(`${dest.branch.address ?? dest.branch.name}附近`),
        INDUSTRIES[industry],
        OCCUPATIONS[industry],
        started.toISOString().slice(0, 10),
        new Date(started.getTime() + 365 * 86400000).toISOString().slice(0, 10),
        status === 'active' && dest.branch.id === mobileBranch.id ? groups[i % 2].id : null,
        ['reported', 'declined', 'found'].includes(status) ? null : started,
        hasReceiver && status !== 'found' ? new Date(started.getTime() + 3 * 86400000) : null,
        ['active', 'returned', 'transferred', 'lost_contact'].includes(status)
          ? new Date(started.getTime() + 5 * 86400000)
          : null,
        OPEN_FLOW_STATUSES.has(status) || status === 'lost_contact'
          ? null
          : new Date(started.getTime() + 200 * 86400000),
        started,
      ],
    );
    await db.query(
      `INSERT INTO flow_transitions (flow_id, from_status, to_status, action, reason, at) VALUES ($1, NULL, $2, 'report', '演示数据', $3)`,
      [rows[0].id, status, started],
    );
    flows += 1;
  }

  return { county, firstBranch: branches[0], mobileBranch, members: created.length, flows };
}

/** Gives the demo staff their orgs: the first village branch, the county, and the Shanghai mobile branch. */
export async function grantDemoRoles(
  app: INestApplicationContext,
  world: DemoWorld,
  staff: Record<string, string>,
): Promise<void> {
  const accounts = app.get(AccountsService);
  const grants: [string, Role, Org][] = [
    ['shuji', 'branch_secretary', world.firstBranch],
    ['zhiwei', 'branch_committee', world.firstBranch],
    ['zuzhibu', 'org_admin', world.county],
    ['shanghai', 'branch_secretary', world.mobileBranch],
  ];
  for (const [username, role, org] of grants) {
    const accountId = staff[username];
    if (accountId) await accounts.grantRole(accountId, role, org.id);
  }
}
