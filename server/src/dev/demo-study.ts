import type { INestApplicationContext } from '@nestjs/common';
import type { Principal } from '../common/auth/principal.js';
import type { Org } from '../orgs/org.entity.js';
import type { CreateStudyPackDto, SetStudyPlanDto, StudyItemDto } from '../study/dto/study.dto.js';
import { StudyPacksService } from '../study/study-packs.service.js';
import { StudyPlansService } from '../study/study-plans.service.js';

/** The month a demo started in, as YYYY-MM (Beijing time). */
function beijingMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

const ARTICLES: { title: string; body: string; quiz?: StudyItemDto['quiz'] }[] = [
  {
    title: '离乡不离党：流动党员的组织生活怎么过',
    body:
      '<h2>到了新地方，先报到</h2><p>到达工作地后，用微信扫一扫当地党组织的<strong>流动先锋码</strong>，' +
      '填好住在哪里、在哪工作、待多久，就完成了报到。流入地党支部确认后，您就同时在两个党组织的关心下过组织生活。</p>' +
      '<h2>时间不固定，也能按时学</h2><p>每月的学习礼包可以利用碎片时间在手机上学完；每年的学习计划可以自己选学，' +
      '回乡过节时还可以参加返乡补学。</p><ul><li>每月按时交纳党费</li><li>每半年向党组织作一次思想汇报</li><li>参加流入地的主题党日和志愿服务</li></ul>',
    quiz: [
      {
        text: '到达新的工作地后，第一件事是什么？',
        options: ['扫流动先锋码向当地党组织报到', '等年底回乡再说', '只在微信群里说一声'],
        answer: 0,
      },
      { text: '思想汇报多久作一次？', options: ['每月', '每半年', '每三年'], answer: 1 },
    ],
  },
  {
    title: '本月要点：做合格的流动党员',
    body:
      '<p>本月学习要点有三条：一是<strong>亮明身份</strong>，在工作岗位上带头守规矩、办实事；' +
      '二是<strong>主动联系</strong>，每月至少和结对的支委联系一次，地址、电话有变化及时告诉支部；' +
      '三是<strong>服务群众</strong>，把自己的技能登记在志愿者技能卡上，为所在社区出一份力。</p>',
  },
];

/**
 * A published monthly study pack for the whole demo county and its yearly
 * plan, so the 学习 tab has something on first start. Published through the
 * real service as the county's organisation department would.
 */
export async function seedDemoStudy(
  app: INestApplicationContext,
  county: Org,
  adminAccountId: string,
  now = new Date(),
): Promise<void> {
  const principal: Principal = {
    accountId: adminAccountId,
    sessionId: 'demo-seed',
    kind: 'staff',
    roles: ['org_admin'],
    grants: [{ role: 'org_admin', orgId: county.id, orgPath: county.path }],
    memberId: null,
  };
  const packs = app.get(StudyPacksService);
  const month = beijingMonth(now);
  const create: CreateStudyPackDto = {
    kind: 'monthly',
    title: `${Number(month.slice(5))}月学习礼包`,
    summary: '流动党员在哪里，组织生活就延伸到哪里。本月两篇短文，约 10 分钟学完。',
    month,
    audience: { orgId: county.id, scope: 'members' },
  };
  const pack = await packs.create(principal, create);
  for (const article of ARTICLES) {
    const item: StudyItemDto = { kind: 'article', title: article.title, body: article.body };
    if (article.quiz) item.quiz = article.quiz;
    await packs.addItem(principal, pack.id, item);
  }
  await packs.publish(principal, pack.id, {});
  const plan: SetStudyPlanDto = {
    orgId: county.id,
    year: Number(month.slice(0, 4)),
    requiredHours: 24,
    requiredActivities: 4,
    electives: 2,
  };
  await app.get(StudyPlansService).setPlan(principal, plan);
}
