import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A WeChat user (openid within one mini-program) linked to an account. */
@Entity({ name: 'wechat_identities' })
export class WechatIdentity {
  @PrimaryColumn({ name: 'app_id', type: 'text' })
  appId: string;

  @PrimaryColumn({ type: 'text' })
  openid: string;

  @Column({ type: 'text', nullable: true })
  unionid: string | null;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
