import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** WeChat keeps no more than this many one-time subscriptions per user and template; nor do we. */
export const CREDITS_CAP = 1000;

/** Consent credits: how many subscribe messages of each template may still go to an account. */
@Injectable()
export class WechatSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The account's credits for these templates; a template never accepted has none. */
  async findCredits(accountId: string, templateIds: string[]): Promise<Map<string, number>> {
    if (templateIds.length === 0) return new Map();
    const rows: { template_id: string; credits: number }[] = await this.db.query(
      `SELECT template_id, credits FROM wechat_subscriptions WHERE account_id = $1 AND template_id = ANY($2::text[])`,
      [accountId, templateIds],
    );
    return new Map(rows.map((r) => [r.template_id, r.credits]));
  }

  /** One more credit for each template the person just allowed, in one statement. */
  async addOneEach(accountId: string, templateIds: string[], at: Date): Promise<void> {
    if (templateIds.length === 0) return;
    await this.db.query(
      `INSERT INTO wechat_subscriptions (account_id, template_id, credits, updated_at)
       SELECT $1, t, 1, $3 FROM unnest($2::text[]) AS t
       ON CONFLICT (account_id, template_id)
       DO UPDATE SET credits = LEAST(wechat_subscriptions.credits + 1, ${CREDITS_CAP}), updated_at = EXCLUDED.updated_at`,
      [accountId, templateIds, at],
    );
  }
}
