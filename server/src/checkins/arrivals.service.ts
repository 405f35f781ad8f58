import { Injectable } from '@nestjs/common';
import { ErrorCode, type ArrivalResult, type ArrivalStay, type FourFact, type ResolvedCode } from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { MANAGE_ROLES } from '../common/scope/scope.js';
import { FlowsService, type ArrivalInput } from '../flows/flows.service.js';
import { LedgersService } from '../ledgers/ledgers.service.js';
import { ActivitiesService } from './activities.service.js';
import { CheckinsRepository } from './checkins.repository.js';
import { CodesService } from './codes.service.js';
import type { ArrivalByPersonalCodeDto, ArrivalDto, ArrivalFactsDto } from './dto/checkins.dto.js';

const STAY_MONTHS: Record<ArrivalStay, number> = {
  under_3_months: 3,
  '3_to_6_months': 6,
  '6_to_12_months': 12,
  over_1_year: 24,
};

/** The day `months` after `today` (YYYY-MM-DD), clamped to the month's end. */
export function expectedUntil(today: Date, stay: ArrivalStay): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + STAY_MONTHS[stay], 1));
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(today.getUTCDate(), lastDay));
  return d.toISOString().slice(0, 10);
}

/** The 四清 facts an arrival states: identity (the member is who they signed in as), time, whereabouts, work. */
function factsStated(facts: ArrivalFactsDto, byMember: boolean): FourFact[] {
  const stated: FourFact[] = ['time', 'whereabouts'];
  if (facts.employer || facts.occupation || facts.industry) stated.push('work');
  if (byMember) stated.push('identity');
  return stated;
}

const ARRIVAL_REQUEST = 'arrival';

/**
 * 报到 through a 流动先锋码: the member scans a branch code (or types its
 * fallback code), or a receiving secretary scans the member's personal code.
 * Each request carries a client-made id: a repeat answers with the first
 * result and changes nothing.
 */
@Injectable()
export class ArrivalsService {
  constructor(
    private readonly codes: CodesService,
    private readonly activities: ActivitiesService,
    private readonly flows: FlowsService,
    private readonly ledgers: LedgersService,
    private readonly repo: CheckinsRepository,
  ) {}

  /** What a code points at, so the person sees where they are reporting before they commit. */
  async resolve(code: string): Promise<ResolvedCode> {
    const parsed = this.codes.parse(code);
    if (parsed.kind === 'branch' || parsed.kind === 'fallback') {
      const branch = await this.codes.verifyBranchCode(parsed);
      return { kind: 'branch', branch: await this.codes.branchSummary(branch) };
    }
    if (parsed.kind === 'activity') return { kind: 'activity', activity: await this.activities.summaryForCode(parsed) };
    throw new AppException(ErrorCode.CODE_WRONG_KIND, '这是党员的个人先锋码，请由党组织工作人员在“扫党员码”中扫描');
  }

  async arrive(principal: Principal, dto: ArrivalDto): Promise<ArrivalResult> {
    if (!principal.memberId) throw new AppException(ErrorCode.FORBIDDEN, '请先绑定党员信息，再向党支部报到');
    const replay = await this.replay(principal, dto.clientId);
    if (replay) return replay;
    const parsed = this.codes.parse(dto.code);
    if (parsed.kind !== 'branch' && parsed.kind !== 'fallback') {
      throw new AppException(
        ErrorCode.CODE_WRONG_KIND,
        parsed.kind === 'activity' ? '这是活动签到码，请在“扫码”页扫描后签到' : '这是党员的个人先锋码，不能用来报到',
      );
    }
    const branch = await this.codes.verifyBranchCode(parsed);
    return this.record(
      principal,
      dto.clientId,
      {
        memberId: principal.memberId,
        branch,
        actor: 'member',
        facts: { ...dto.facts, expectedUntil: expectedUntil(this.codes.now(), dto.facts.stay) },
        note: dto.note,
      },
      dto.facts,
    );
  }

  async arriveByPersonalCode(principal: Principal, dto: ArrivalByPersonalCodeDto): Promise<ArrivalResult> {
    const replay = await this.replay(principal, dto.clientId);
    if (replay) return replay;
    // Staff of the receiving branch only; anyone else learns nothing about the code.
    const branch = await this.codes.staffBranch(principal, dto.branchId, MANAGE_ROLES);
    const parsed = this.codes.parse(dto.code);
    if (parsed.kind !== 'personal') {
      throw new AppException(ErrorCode.CODE_WRONG_KIND, '请扫描党员手机上的“个人先锋码”');
    }
    const memberId = await this.codes.verifyPersonalCode(parsed, this.codes.now());
    return this.record(
      principal,
      dto.clientId,
      {
        memberId,
        branch,
        actor: 'receiving',
        facts: dto.facts ? { ...dto.facts, expectedUntil: expectedUntil(this.codes.now(), dto.facts.stay) } : undefined,
        note: dto.note,
      },
      dto.facts,
    );
  }

  private async record(
    principal: Principal,
    clientId: string,
    input: ArrivalInput,
    facts: ArrivalFactsDto | undefined,
  ): Promise<ArrivalResult> {
    let raced = false;
    try {
      const { flowId, repeated } = await this.flows.recordArrival(principal, {
        ...input,
        within: async (m: EntityManager, id: string) => {
          await this.repo.insertClientRequest(m, principal.accountId, clientId, ARRIVAL_REQUEST, id);
          if (facts)
            await this.ledgers.confirmFactsOnArrival(
              m,
              input.memberId,
              factsStated(facts, input.actor === 'member'),
              principal.accountId,
            );
        },
      });
      return { repeated, flow: await this.flows.viewForPrincipal(principal, flowId) };
    } catch (error) {
      // The same request id arrived twice at once: the other one committed; answer as it did.
      raced = (error as { driverError?: { constraint?: string } }).driverError?.constraint === 'client_requests_pkey';
      if (!raced) throw error;
    }
    return (await this.replay(principal, clientId))!;
  }

  private async replay(principal: Principal, clientId: string): Promise<ArrivalResult | null> {
    const earlier = await this.repo.findClientRequest(principal.accountId, clientId);
    if (!earlier) return null;
    if (earlier.kind !== ARRIVAL_REQUEST) throw new AppException(ErrorCode.CLIENT_ID_REUSED);
    return { repeated: true, flow: await this.flows.viewForPrincipal(principal, earlier.subjectId) };
  }
}
