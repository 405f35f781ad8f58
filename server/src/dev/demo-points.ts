import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Org } from '../orgs/org.entity.js';
import { PointsRepository } from '../points/points.repository.js';
import { PointsService } from '../points/points.service.js';

/**
 * A small catalogue of benefits (鹿城区-style: phone charging, a cake, a
 * check-up at home) and a few points for the first demo member, written
 * through PointsService.award as the real features do. Check-ins seeded by
 * the activities demo earn their points through the sweep once the API runs.
 */
export async function seedDemoPoints(
  app: INestApplicationContext,
  places: { county: Org; mobileBranch: Org },
  staffAccountId: string,
  memberId: string,
): Promise<{ benefits: number; entries: number }> {
  const repo = app.get(PointsRepository);
  const points = app.get(PointsService);
  const db = app.get(DataSource);
  const at = new Date();
  const catalogue = [
    {
      org: places.mobileBranch,
      title: '免费手机充电',
      cost: 10,
      stock: 200,
      limit: null,
      provider: '七宝镇党群服务站',
    },
    { org: places.mobileBranch, title: '生日蛋糕券', cost: 60, stock: 20, limit: 1, provider: '七宝镇新镇路烘焙坊' },
    { org: places.county, title: '返乡免费体检', cost: 100, stock: 50, limit: 1, provider: '修武县人民医院' },
  ];
  for (const b of catalogue)
    await repo.insertBenefit({
      orgId: b.org.id,
      orgPath: b.org.path,
      title: b.title,
      description: null,
      cost: b.cost,
      stock: b.stock,
      perMemberLimit: b.limit,
      provider: b.provider,
      active: true,
      createdBy: staffAccountId,
      at,
    });
  const awards = [
    { source: 'manual' as const, amount: 20, sourceRef: 'demo:manual:1', reason: '春节返乡座谈会上为家乡发展建言' },
    {
      source: 'service_hours' as const,
      quantity: 150,
      sourceRef: 'demo:service:1',
      reason: '社区义务维修：为老人检修水电',
    },
    { source: 'service_rating' as const, quantity: 5, sourceRef: 'demo:rating:1', reason: '服务对象评价五星' },
  ];
  let entries = 0;
  for (const award of awards) {
    const result = await db.transaction((m) => points.award(m, { memberId, ...award }));
    if (result) entries += 1;
  }
  return { benefits: catalogue.length, entries };
}
