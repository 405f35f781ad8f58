import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Org } from '../orgs/org.entity.js';
import { VolunteerRepository } from '../volunteer/volunteer.repository.js';

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The next Saturday (Beijing time) at least two days ahead, at `hour`:00 Beijing time. */
export function nextSaturdayAt(now: Date, hour: number): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let days = (6 - local.getUTCDay() + 7) % 7;
  if (days < 2) days += 7;
  return new Date(midnight + days * DAY_MS + hour * 3_600_000 - BEIJING_OFFSET_MS);
}

/**
 * Volunteering that shows on first start: 张伟's skill card on the 七宝镇 board
 * (where he works), 王强's at home in his village, and a need posted by the
 * Shanghai mobile members' branch for next Saturday morning, which matches 张伟.
 */
export async function seedDemoVolunteer(
  app: INestApplicationContext,
  places: { mobileBranch: Org; homeBranch: Org },
  staffAccountId: string,
  memberIds: { away: string; home: string },
): Promise<{ cards: number; needs: number }> {
  const repo = app.get(VolunteerRepository);
  const db = app.get(DataSource);
  const parents = await db.query<{ id: string; path: string; name: string }[]>(
    `SELECT id, path, name FROM orgs WHERE id = ANY($1::uuid[])`,
    [[places.mobileBranch.parentId, places.homeBranch.parentId]],
  );
  const township = parents.find((o) => o.id === places.mobileBranch.parentId);
  const village = parents.find((o) => o.id === places.homeBranch.parentId);
  if (!township || !village) throw new Error('demo volunteer: the branches have no parent org');
  await repo.insertCard(memberIds.away, {
    skillCodes: ['plumbing_electrical', 'appliance_repair'],
    extraSkills: '管道疏通',
    description: '在上海做了十年水电安装，能修水管、换开关插座、装热水器。',
    areaOrgId: township.id,
    areaPath: township.path,
    regionText: '七宝镇及周边 3 公里',
    availableDays: [6, 7],
    availableSlots: ['morning', 'afternoon'],
    availabilityNote: '工地放假的周末',
  });
  await repo.insertCard(memberIds.home, {
    skillCodes: ['farming_tech', 'driving_transport'],
    extraSkills: null,
    description: '会开收割机和旋耕机，农忙时可以帮乡亲们收种，也能开车送老人去县城看病。',
    areaOrgId: village.id,
    areaPath: village.path,
    regionText: null,
    availableDays: [1, 2, 3, 4, 5, 6, 7],
    availableSlots: ['morning', 'afternoon'],
    availabilityNote: null,
  });
  const startsAt = nextSaturdayAt(new Date(), 9);
  await repo.insertNeed({
    orgId: places.mobileBranch.id,
    orgPath: places.mobileBranch.path,
    postedBy: staffAccountId,
    skillCode: 'plumbing_electrical',
    title: '七宝镇老旧小区水管检修',
    place: '七宝镇新镇路社区活动室集合',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    headcount: 3,
    description: '帮小区里的独居老人检查水管和水龙头，社区提供材料，请自带工具。',
  });
  return { cards: 2, needs: 1 };
}
