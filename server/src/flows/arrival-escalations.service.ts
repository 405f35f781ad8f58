import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  ARRIVAL_DEADLINE_DAYS_DEFAULT,
  ErrorCode,
  TOWNSHIP_ESCALATION_DAYS_DEFAULT,
  type EscalationSettingsView,
  type SetEscalationSettingsRequest,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { JobQueue } from '../common/jobs/job-queue.js';
import { actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { InboxService, type InboxMessage } from '../notifications/inbox.service.js';
import { WechatOutboxService } from '../notifications/wechat-outbox.service.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { beijingDate } from './beijing-date.js';
import { OutflowRepository, type EscalatedRow } from './outflow.repository.js';

export const ESCALATIONS_JOB = 'flows.arrival-escalations';
/** 08:00 Beijing time, every day. */
export const ESCALATIONS_CRON = '0 8 * * *';
const ESCALATION_BATCH = 500;

/** Who sets a county's periods: its org department (组织部门). */
const SETTINGS_ROLES = new Set(['org_admin'] as const);

export interface EscalationRun {
  branch: number;
  township: number;
}

/**
 * 逾期未报到: a member whose outflow report was approved and who has not
 * reported at any branch within the county's deadline (30 days by default)
 * puts a to-do on the sending branch's list, with a notice to the member;
 * still nothing a further period later (15 days by default), a to-do for
 * the township (乡镇/街道) above the branch. A daily job finds them; each
 * flow is escalated at most once per stage (`flow_escalations`' key), so a
 * second run, a retry or two instances at once never tell anyone twice.
 * The to-dos close when the member arrives or the flow moves on.
 */
@Injectable()
export class ArrivalEscalationsService implements OnModuleInit {
  private readonly logger = new Logger(ArrivalEscalationsService.name);

  constructor(
    private readonly repo: OutflowRepository,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly inbox: InboxService,
    private readonly wechatOutbox: WechatOutboxService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.declare(ESCALATIONS_JOB, { policy: 'stately', retryLimit: 5, retryBackoff: true, expireInSeconds: 3600 });
    this.jobs.work(ESCALATIONS_JOB, () => this.run().then(() => undefined), { pollingSeconds: 30 });
    this.jobs.schedule(ESCALATIONS_JOB, ESCALATIONS_CRON);
  }

  /** Escalates everything due by the clock's now; answers how many flows were escalated at each stage. */
  async run(): Promise<EscalationRun> {
    const now = this.clock.now();
    const result: EscalationRun = { branch: 0, township: 0 };
    for (;;) {
      const n = await this.repo.transaction(async (m) => {
        const rows = await this.repo.escalateToBranch(
          m,
          now,
          { arrivalDeadlineDays: ARRIVAL_DEADLINE_DAYS_DEFAULT },
          ESCALATION_BATCH,
        );
        await this.tell(
          m,
          rows.flatMap((r) => this.branchMessages(r)),
        );
        return rows.length;
      });
      result.branch += n;
      if (n === 0) break;
    }
    for (;;) {
      const n = await this.repo.transaction(async (m) => {
        const rows = await this.repo.escalateToTownship(
          m,
          now,
          { townshipEscalationDays: TOWNSHIP_ESCALATION_DAYS_DEFAULT },
          ESCALATION_BATCH,
        );
        await this.tell(
          m,
          rows.map((r) => this.townshipMessage(r)),
        );
        return rows.length;
      });
      result.township += n;
      if (n === 0) break;
    }
    if (result.branch + result.township > 0)
      this.logger.log(`arrival escalations: ${result.branch} to branches, ${result.township} to townships`);
    return result;
  }

  async settings(principal: Principal, orgId: string): Promise<EscalationSettingsView> {
    const org = await this.county(principal, orgId, false);
    return this.settingsView(org);
  }

  async setSettings(
    principal: Principal,
    orgId: string,
    dto: SetEscalationSettingsRequest,
  ): Promise<EscalationSettingsView> {
    const org = await this.county(principal, orgId, true);
    await this.repo.transaction((m) => this.repo.upsertSettings(m, org, dto, principal.accountId));
    return this.settingsView(org);
  }

  /** A county the caller acts for: any staff role reads, its org admins (or those above) change. */
  private async county(principal: Principal, orgId: string, changing: boolean): Promise<Org> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    if (changing && !actsFor(scope, org.path, SETTINGS_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有县级组织部门管理员可以设置未报到提醒的期限');
    if (org.level !== 'county')
      throw new AppException(ErrorCode.ORG_LEVEL_INVALID, '未报到提醒的期限按县（区）设置，请选择县级组织');
    return org;
  }

  private async settingsView(org: Org): Promise<EscalationSettingsView> {
    const row = await this.repo.findSettings(org.id);
    return {
      orgId: org.id,
      orgName: org.name,
      arrivalDeadlineDays: row?.arrivalDeadlineDays ?? ARRIVAL_DEADLINE_DAYS_DEFAULT,
      townshipEscalationDays: row?.townshipEscalationDays ?? TOWNSHIP_ESCALATION_DAYS_DEFAULT,
      custom: row !== null,
    };
  }

  private async tell(m: EntityManager, messages: InboxMessage[]): Promise<void> {
    await this.inbox.send(m, messages);
    await this.wechatOutbox.enqueue(m, messages);
  }

  private since(r: EscalatedRow): string {
    const approved = beijingDate(r.approvedAt);
    return r.expectedFrom && r.expectedFrom > approved ? r.expectedFrom : approved;
  }

  private branchMessages(r: EscalatedRow): InboxMessage[] {
    const name = this.pii.decrypt(r.memberNameCipher);
    const subject = { type: 'flow' as const, id: r.flowId };
    return [
      {
        to: { orgId: r.orgId },
        category: 'todo',
        kind: 'flow.overdue',
        title: '外出党员逾期未报到',
        body: `${name}自${this.since(r)}外出，至今未向流入地党组织报到，请联系了解情况。`,
        subject,
      },
      {
        to: { memberId: r.memberId },
        category: 'notice',
        kind: 'flow.overdue',
        title: '请尽快向当地党组织报到',
        body: `您的外出报告已批准，但还没有在流入地报到。请扫当地党组织的报到码报到，或联系${r.sendingBranchName}。`,
        subject,
      },
    ];
  }

  private townshipMessage(r: EscalatedRow): InboxMessage {
    const name = this.pii.decrypt(r.memberNameCipher);
    return {
      to: { orgId: r.orgId },
      category: 'todo',
      kind: 'flow.overdue_escalated',
      title: '外出党员长期未报到',
      body: `${r.sendingBranchName}的${name}自${this.since(r)}外出，至今未报到，支部提醒后仍无结果，请督促跟进。`,
      subject: { type: 'flow', id: r.flowId },
    };
  }
}
