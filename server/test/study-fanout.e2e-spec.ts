import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { StudyRoutes, type StudyDeliveryView, type StudyPackView } from '@pioneer/shared';
import { StudyDeliveryService, type FanoutBatchJob } from '../src/study/study-delivery.service.js';
import { withSql } from './support/database.js';
import { createStaff, createWorld, staffToken } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const AUDIENCE = 2_000;
const OUTSIDE = 50;
const BATCH = 100;
const BATCHES = AUDIENCE / BATCH;

const STUDY_TEMPLATE = 'pioneerTestStudyPack-0001';
/** Members of the audience who allowed the study template once (with a phone), and some without a smartphone. */
const CREDITED = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Members straight into the table: the fan-out reads ids, paths and the smartphone flag, nothing encrypted. */
async function bulkMembers(url: string, branch: { id: string; path: string }, n: number, noPhoneEvery = 0) {
  const salt = randomBytes(6).toString('hex');
  await withSql(url, (c) =>
    c.query(
      `INSERT INTO members (branch_id, branch_path, name_cipher, name_index, id_number_cipher, id_number_index,
                            name_id6_index, no_smartphone)
       SELECT $1, $2, 'x', md5('n' || g || $3), 'x', md5('i' || g || $3), md5('s' || g || $3),
              $5 > 0 AND g % $5 = 0
         FROM generate_series(1, $4) AS g`,
      [branch.id, branch.path, salt, n, noPhoneEvery],
    ),
  );
}

/** WeChat accounts for some members, each holding one credit for the study template. */
async function credit(url: string, memberIds: string[]) {
  await withSql(url, (c) =>
    c.query(
      `WITH a AS (
         INSERT INTO accounts (kind, display_name, member_id)
         SELECT 'member', '微信用户', id FROM unnest($1::uuid[]) AS id RETURNING id)
       INSERT INTO wechat_subscriptions (account_id, template_id, credits) SELECT id, $2, 1 FROM a`,
      [memberIds, STUDY_TEMPLATE],
    ),
  );
}

describe('Study pack fan-out across a restart', () => {
  const env = {
    PII_KEYS: `t1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    THROTTLE_LIMIT: '100000',
    WECHAT_TEMPLATE_STUDY_PACK: STUDY_TEMPLATE,
  };
  let first: TestApp;
  let second: TestApp | null = null;

  afterAll(async () => {
    if (second) await second.close();
    else await first?.close();
  });

  it('gives every member of the audience exactly one inbox entry when the app stops mid-way and another takes over', async () => {
    first = await startTestApp(env);
    const url = first.databaseUrl;
    const count = async (text: string, params: unknown[] = []) =>
      withSql(url, async (c) => Number((await c.query(text, params)).rows[0].n));
    const w = await createWorld(first.app);
    const admin = await staffToken(first, await createStaff(first.app, ['org_admin'], w.countyA.id));
    await bulkMembers(url, w.branchA1, AUDIENCE / 2, 10);
    await bulkMembers(url, w.branchA2, AUDIENCE / 2, 10);
    await bulkMembers(url, w.branchB, OUTSIDE);
    // Every 10th member has no smartphone; of the 40 credited members of branch A1, those get a red parcel instead.
    const credited = await withSql(url, async (c) =>
      (
        await c.query(`SELECT id FROM members WHERE branch_id = $1 ORDER BY name_index LIMIT $2`, [
          w.branchA1.id,
          CREDITED,
        ])
      ).rows.map((r: { id: string }) => r.id),
    );
    await credit(url, credited);
    const creditedWithPhone = await withSql(url, async (c) =>
      Number(
        (
          await c.query(`SELECT count(*) AS n FROM members WHERE id = ANY($1::uuid[]) AND NOT no_smartphone`, [
            credited,
          ])
        ).rows[0].n,
      ),
    );

    // The first app: small batches, each a little slow, and batch 2 "crashes" right after its transaction commits.
    const delivery = first.app.get(StudyDeliveryService);
    delivery.batchSize = BATCH;
    const runBatch = delivery.runBatch.bind(delivery);
    delivery.runBatch = async (job: FanoutBatchJob) => {
      await sleep(150);
      const done = await runBatch(job);
      if (job.batchNo === 2) throw new Error('simulated crash after the batch committed');
      return done;
    };

    const created = await request(first.url)
      .post(StudyRoutes.packs)
      .set('authorization', `Bearer ${admin}`)
      .send({
        kind: 'monthly',
        month: '2025-03',
        title: '3 月学习礼包',
        audience: { orgId: w.countyA.id, scope: 'members' },
      });
    expect(created.status).toBe(201);
    const pack = created.body as StudyPackView;
    await request(first.url)
      .post(StudyRoutes.packItems.replace(':id', pack.id))
      .set('authorization', `Bearer ${admin}`)
      .send({ kind: 'article', title: '学习党章', body: '<p>坚持全心全意为人民服务。</p>' })
      .expect(201);
    await request(first.url)
      .post(StudyRoutes.publish.replace(':id', pack.id))
      .set('authorization', `Bearer ${admin}`)
      .send({})
      .expect(200);

    const doneBatches = () =>
      count(`SELECT count(*) AS n FROM study_fanout_batches WHERE pack_id = $1 AND done_at IS NOT NULL`, [pack.id]);
    for (let waited = 0; (await doneBatches()) < 4; waited += 50) {
      if (waited > 20_000) throw new Error('the first app delivered nothing');
      await sleep(50);
    }
    await first.stop();
    const doneAtStop = await doneBatches();
    expect(doneAtStop).toBeLessThan(BATCHES);

    // The restart: a new app on the same database picks up the batches left.
    second = await startTestApp(env, { databaseUrl: url });
    let view: StudyDeliveryView;
    for (let waited = 0; ; waited += 200) {
      const res = await request(second.url)
        .get(StudyRoutes.delivery.replace(':id', pack.id))
        .set('authorization', `Bearer ${admin}`);
      view = res.body as StudyDeliveryView;
      if (view.status === 'published') break;
      if (waited > 30_000) throw new Error(`still ${view.status} after the restart`);
      await sleep(200);
    }

    const counts = async () => ({
      inboxEntries: await count(`SELECT count(*) AS n FROM inbox_items WHERE kind = 'study.pack' AND subject_id = $1`, [
        pack.id,
      ]),
      recipients: await count(
        `SELECT count(DISTINCT recipient_member_id) AS n FROM inbox_items WHERE kind = 'study.pack' AND subject_id = $1`,
        [pack.id],
      ),
      deliveries: await count(`SELECT count(*) AS n FROM study_deliveries WHERE pack_id = $1`, [pack.id]),
      outsideReached: await count(
        `SELECT count(*) AS n FROM study_deliveries d JOIN members m ON m.id = d.member_id
          WHERE d.pack_id = $1 AND m.branch_id = $2`,
        [pack.id, w.branchB.id],
      ),
      batchesDone: await doneBatches(),
      wechatMessages: await count(
        `SELECT count(*) AS n FROM wechat_outbox WHERE inbox_kind = 'study.pack' AND subject_id = $1`,
        [pack.id],
      ),
      wechatRecipients: await count(
        `SELECT count(DISTINCT account_id) AS n FROM wechat_outbox WHERE inbox_kind = 'study.pack' AND subject_id = $1`,
        [pack.id],
      ),
    });
    const after = await counts();
    process.stdout.write(
      `study fan-out across a restart: ${JSON.stringify({ audience: AUDIENCE, batches: BATCHES, doneAtStop, ...after })}\n`,
    );
    expect(after).toEqual({
      inboxEntries: AUDIENCE,
      recipients: AUDIENCE,
      deliveries: AUDIENCE,
      outsideReached: 0,
      batchesDone: BATCHES,
      wechatMessages: creditedWithPhone,
      wechatRecipients: creditedWithPhone,
    });
    expect(view!).toMatchObject({ audience: AUDIENCE, inboxDelivered: AUDIENCE, redParcels: AUDIENCE / 10 });

    // A batch run again (a retry after its commit) and the whole fan-out run again add nothing.
    const again = second.app.get(StudyDeliveryService);
    expect(await again.runBatch({ packId: pack.id, batchNo: 2 })).toBe(false);
    await again.runFanout({ packId: pack.id, publishAt: null });
    expect(await counts()).toEqual(after);
  }, 120_000);
});
