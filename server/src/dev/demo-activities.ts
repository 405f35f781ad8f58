import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { ActivityKind, InboxKind } from '@pioneer/shared';
import { DataSource } from 'typeorm';
import { CheckinsRepository } from '../checkins/checkins.repository.js';
import { newPublicCode } from '../checkins/codes.service.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { InboxService, type InboxMessage } from '../notifications/inbox.service.js';
import type { Org } from '../orgs/org.entity.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Activities at the Shanghai mobile branch — one held last month with its
 * check-ins, one running now (open the venue screen to see its rotating
 * code), one next week — and the to-dos the demo's open flows would have
 * left in the branches' inboxes.
 */
export async function seedDemoActivities(
  app: INestApplicationContext,
  mobileBranch: Org,
  secretaryAccountId: string,
): Promise<{ activities: number; checkins: number; inbox: number }> {
  const repo = app.get(CheckinsRepository);
  const pii = app.get(PiiCrypto);
  const db = app.get(DataSource);
  const now = Date.now();
  const plan: [ActivityKind, string, string, number, number, boolean][] = [
    ['theme_day', '10月主题党日：学习贯彻党的二十届四中全会精神', '七宝镇党群服务中心二楼', -30 * DAY, 2 * HOUR, false],
    ['volunteer_service', '社区义务维修：为老人检修水电', '七宝镇新镇路社区活动室', -HOUR, 4 * HOUR, true],
    ['party_lecture', '流动党员专题党课', '七宝镇党群服务中心报告厅', 7 * DAY, 2 * HOUR, false],
  ];
  const made = [];
  for (const [kind, title, place, offset, length, checkout] of plan) {
    made.push(
      await repo.insertActivity({
        publicCode: newPublicCode(),
        branchId: mobileBranch.id,
        branchPath: mobileBranch.path,
        kind,
        title,
        place,
        latitude: '31.154600',
        longitude: '121.351500',
        startsAt: new Date(now + offset),
        endsAt: new Date(now + offset + length),
        checkoutEnabled: checkout,
        secretCipher: pii.encrypt(randomBytes(32).toString('base64url')),
        createdBy: secretaryAccountId,
      }),
    );
  }

  // Most members received at the branch came to last month's 主题党日.
  const received: { memberId: string }[] = await db.query(
    `SELECT member_id AS "memberId" FROM flows WHERE receiving_branch_id = $1 AND status = 'active' ORDER BY member_id`,
    [mobileBranch.id],
  );
  const past = made[0];
  let checkins = 0;
  for (const [i, r] of received.entries()) {
    if (i % 5 === 4) continue;
    await repo.insertCheckin({
      activityId: past.id,
      memberId: r.memberId,
      method: i % 9 === 0 ? 'personal_code' : 'venue_code',
      clientId: `demo-${past.id.slice(0, 8)}-${i}`,
      checkedInAt: new Date(past.startsAt.getTime() + (i % 20) * 60_000),
      recordedBy: secretaryAccountId,
      deviceId: null,
      latitude: null,
      longitude: null,
      offline: i % 11 === 0,
      anomalies: i % 11 === 0 ? ['offline'] : [],
    });
    checkins += 1;
  }

  // The to-dos waiting on each side: reports to approve, arrivals to confirm, found members to confirm.
  const open: {
    id: string;
    status: string;
    sendingBranchId: string;
    receivingBranchId: string | null;
    nameCipher: string;
  }[] = await db.query(
    `SELECT f.id, f.status, f.sending_branch_id AS "sendingBranchId", f.receiving_branch_id AS "receivingBranchId",
              m.name_cipher AS "nameCipher"
         FROM flows f JOIN members m ON m.id = f.member_id
        WHERE f.status IN ('reported', 'arrived', 'found')`,
  );
  const todo = (orgId: string, kind: InboxKind, title: string, body: string, flowId: string): InboxMessage => ({
    to: { orgId },
    category: 'todo',
    kind,
    title,
    body,
    subject: { type: 'flow', id: flowId },
  });
  const messages = open.map((f) => {
    const name = pii.decrypt(f.nameCipher);
    if (f.status === 'reported')
      return todo(f.sendingBranchId, 'flow.reported', '外出报告待审批', `${name}提交了外出报告，请审批。`, f.id);
    if (f.status === 'arrived')
      return todo(
        f.receivingBranchId!,
        'flow.arrived',
        '流动党员报到待确认',
        `${name}已向本支部报到，请确认并编入党小组。`,
        f.id,
      );
    return todo(
      f.sendingBranchId,
      'flow.found',
      '流入地登记了本支部党员，请确认',
      `流入地党支部登记${name}为流入党员，请确认。`,
      f.id,
    );
  });
  const inbox = app.get(InboxService);
  await db.transaction((m) => inbox.send(m, messages));
  return { activities: made.length, checkins, inbox: messages.length };
}
