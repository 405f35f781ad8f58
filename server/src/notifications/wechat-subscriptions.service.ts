import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  SUBSCRIPTION_PURPOSE_LABELS,
  SUBSCRIPTION_PURPOSES,
  type SubscriptionPurpose,
  type SubscriptionResult,
  type SubscriptionsView,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';
import { WechatSubscriptionsRepository } from './wechat-subscriptions.repository.js';

/**
 * Consent to WeChat subscribe messages (订阅消息). WeChat asks the person on
 * the phone; each "allow" is good for exactly one message of that template,
 * so the app reports what was tapped and the server counts credits per
 * account and template. Templates come from configuration: one not
 * configured is neither asked for nor sent.
 */
@Injectable()
export class WechatSubscriptionsService {
  constructor(
    private readonly subscriptions: WechatSubscriptionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The purposes that have a template on this server. */
  configured(): { purpose: SubscriptionPurpose; templateId: string }[] {
    const templates = this.config.subscribeMessages.templates;
    return SUBSCRIPTION_PURPOSES.flatMap((purpose) => {
      const templateId = templates[purpose];
      return templateId ? [{ purpose, templateId }] : [];
    });
  }

  /**
   * What the app should ask this person for, with what is left of each. To-dos
   * go to branch staff only, so a member without a role is not asked for them;
   * study packs go to members only, so staff not bound to a member are not.
   */
  async view(principal: Principal): Promise<SubscriptionsView> {
    const offered = this.configured().filter(
      (t) =>
        (t.purpose !== 'flow_todo' || principal.grants.length > 0) &&
        (t.purpose !== 'study_pack' || principal.memberId !== null),
    );
    const credits = await this.subscriptions.findCredits(
      principal.accountId,
      offered.map((t) => t.templateId),
    );
    return {
      templates: offered.map((t) => ({
        templateId: t.templateId,
        purpose: t.purpose,
        label: SUBSCRIPTION_PURPOSE_LABELS[t.purpose],
        credits: credits.get(t.templateId) ?? 0,
      })),
    };
  }

  /** What `wx.requestSubscribeMessage` answered: one credit per accepted template; the rest change nothing. */
  async report(principal: Principal, results: Record<string, SubscriptionResult>): Promise<SubscriptionsView> {
    const known = new Set(this.configured().map((t) => t.templateId));
    const unknown = Object.keys(results).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppException(
        ErrorCode.SUBSCRIPTION_TEMPLATE_UNKNOWN,
        undefined,
        unknown.map((id) => ({ path: `results.${id}`, problem: 'not a template id of this mini-program' })),
      );
    }
    const accepted = Object.entries(results)
      .filter(([, result]) => result === 'accept')
      .map(([id]) => id);
    await this.subscriptions.addOneEach(principal.accountId, accepted, this.clock.now());
    return this.view(principal);
  }
}
