import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many more subscribe messages of one template may go to one account: one per "allow" tapped in WeChat. */
@Entity({ name: 'wechat_subscriptions' })
export class WechatSubscription {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ name: 'template_id', type: 'text' })
  templateId: string;

  @Column({ type: 'integer', default: 0 })
  credits: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
