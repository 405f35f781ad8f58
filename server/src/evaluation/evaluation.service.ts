import { Injectable } from '@nestjs/common';
import {
  EVALUATION_GRADE_LABELS,
  ErrorCode,
  isEvaluationYearOpenable,
  summariseEvaluationInputs,
  type EvaluationEntryView,
  type EvaluationRoundView,
  type MyEvaluationResult,
  type MyEvaluationView,
  type Paginated,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { FeedbackService } from '../feedback/feedback.service.js';
import { InboxService } from '../notifications/inbox.service.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type {
  ListEvaluationRoundsQueryDto,
  ListEvaluationEntriesQueryDto,
  OpenEvaluationRoundDto,
  RecordEvaluationResultDto,
  SubmitSelfAssessmentDto,
} from './dto/evaluation.dto.js';
import { EvaluationRepository, type EntryRow, type RoundRow } from './evaluation.repository.js';

const PAGE_DEFAULT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEMBER_CURSOR = /^member$/;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijingYear(at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
}

/**
 * Democratic evaluation (民主评议党员), run by the sending branch: it holds the
 * membership. A round is seen by staff acting for the branch (secretaries and
 * org admins change it; committee members read it); anyone else, the
 * receiving branch included, gets 404. Members self-assess while the round is
 * open and see their own result once it is closed.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly repo: EvaluationRepository,
    private readonly feedback: FeedbackService,
    private readonly scopes: ScopeService,
    private readonly inbox: InboxService,
    private readonly orgs: OrgsService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  async open(principal: Principal, dto: OpenEvaluationRoundDto): Promise<EvaluationRoundView> {
    const scope = await this.scopes.forPrincipal(principal);
    const branch = await this.orgs.findById(dto.branchId);
    if (!branch || !actsFor(scope, branch.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党组织');
    if (!actsFor(scope, branch.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '民主评议由党支部书记组织');
    if (branch.level !== 'branch') throw new AppException(ErrorCode.EVALUATION_NOT_BRANCH);
    const now = this.clock.now();
    if (!isEvaluationYearOpenable(dto.year, beijingYear(now)))
      throw new AppException(ErrorCode.EVALUATION_YEAR_INVALID);
    const id = await this.repo.transaction(async (m) => {
      const roundId = await this.repo.insertRound(m, {
        branchId: branch.id,
        branchPath: branch.path,
        year: dto.year,
        openedBy: principal.accountId,
        at: now,
      });
      if (!roundId) throw new AppException(ErrorCode.EVALUATION_ROUND_EXISTS);
      const memberIds = await this.repo.insertEntriesForBranch(m, roundId, branch.id);
      await this.inbox.sendToMembers(m, memberIds, {
        category: 'notice',
        kind: 'evaluation.opened',
        title: `${dto.year}年度民主评议开始了`,
        body: `${branch.name}开始${dto.year}年度民主评议党员，请在“我的民主评议”中填写个人自评。`,
        subject: { type: 'evaluation_round', id: roundId },
      });
      return roundId;
    });
    return this.roundView((await this.repo.findRound(id))!);
  }

  async list(principal: Principal, query: ListEvaluationRoundsQueryDto): Promise<EvaluationRoundView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    let paths = actingPaths(scope);
    if (query.branchId) {
      const branch = await this.orgs.findById(query.branchId);
      if (!branch || !actsFor(scope, branch.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个党组织');
      paths = [branch.path];
    }
    return (await this.repo.listRounds(paths)).map((r) => this.roundView(r));
  }

  async round(principal: Principal, id: string): Promise<EvaluationRoundView> {
    const scope = await this.scopes.forPrincipal(principal);
    return this.roundView(await this.visibleRound(scope, id));
  }

  async entries(
    principal: Principal,
    id: string,
    query: ListEvaluationEntriesQueryDto,
  ): Promise<Paginated<EvaluationEntryView>> {
    const scope = await this.scopes.forPrincipal(principal);
    const round = await this.visibleRound(scope, id);
    const limit = query.limit ?? PAGE_DEFAULT;
    const after = query.cursor ? decodeCursor(query.cursor, [MEMBER_CURSOR, UUID])[1] : null;
    const rows = await this.repo.findEntries(round.id, after, limit + 1);
    const page = rows.slice(0, limit);
    const items: EvaluationEntryView[] = [];
    for (const row of page) items.push(await this.entryView(round, row));
    const last = page[page.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeCursor(['member', last.memberId]) } : { items };
  }

  async entry(principal: Principal, id: string, memberId: string): Promise<EvaluationEntryView> {
    const scope = await this.scopes.forPrincipal(principal);
    const round = await this.visibleRound(scope, id);
    const row = await this.repo.findEntry(round.id, memberId);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '这位党员不在本轮民主评议中');
    return this.entryView(round, row);
  }

  async recordResult(
    principal: Principal,
    id: string,
    memberId: string,
    dto: RecordEvaluationResultDto,
  ): Promise<EvaluationEntryView> {
    const scope = await this.scopes.forPrincipal(principal);
    const round = await this.manageableRound(scope, id);
    const row = await this.repo.findEntry(round.id, memberId);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '这位党员不在本轮民主评议中');
    // The inputs as the secretary saw them are kept with the grade.
    const seen = await this.entryView(round, row);
    await this.repo.transaction(async (m) => {
      if ((await this.repo.lockRoundStatus(m, round.id)) !== 'open')
        throw new AppException(ErrorCode.EVALUATION_ROUND_CLOSED);
      await this.repo.recordResult(m, {
        roundId: round.id,
        memberId,
        grade: dto.grade,
        reasonsCipher: this.pii.encrypt(dto.reasons),
        inputs: { facts: seen.facts, summary: seen.summary, feedbackIds: seen.feedback.map((f) => f.feedbackId) },
        by: principal.accountId,
        at: this.clock.now(),
      });
    });
    return this.entryView(round, (await this.repo.findEntry(round.id, memberId))!);
  }

  async close(principal: Principal, id: string): Promise<EvaluationRoundView> {
    const scope = await this.scopes.forPrincipal(principal);
    const round = await this.manageableRound(scope, id);
    await this.repo.transaction(async (m) => {
      if ((await this.repo.lockRoundStatus(m, round.id)) !== 'open')
        throw new AppException(ErrorCode.EVALUATION_ROUND_CLOSED);
      const missing = await this.repo.countUngraded(m, round.id);
      if (missing > 0)
        throw new AppException(
          ErrorCode.EVALUATION_RESULTS_MISSING,
          `还有 ${missing} 名党员没有评定结果，请全部评定后再结束评议`,
          {
            missing,
          },
        );
      const published = await this.repo.close(m, round.id, principal.accountId, this.clock.now());
      await this.inbox.send(
        m,
        published.map((p) => ({
          to: { memberId: p.memberId },
          category: 'notice' as const,
          kind: 'evaluation.result' as const,
          title: `${round.year}年度民主评议结果`,
          body: `您在${round.branchName}${round.year}年度民主评议中的结果为：${EVALUATION_GRADE_LABELS[p.grade]}。可在“我的民主评议”中查看评定理由。`,
          subject: { type: 'evaluation_round' as const, id: round.id },
        })),
      );
    });
    return this.roundView((await this.repo.findRound(round.id))!);
  }

  // ── the member ───────────────────────────────────────────────────────────

  async mine(principal: Principal): Promise<MyEvaluationView> {
    const memberId = this.memberOf(principal);
    const latest = await this.repo.findLatestRoundForMember(memberId);
    if (!latest || latest.status !== 'open') return { round: null, selfAssessment: null, selfAssessedAt: null };
    return {
      round: { id: latest.roundId, year: latest.year, branchName: latest.branchName },
      selfAssessment: this.pii.decryptOptional(latest.selfAssessmentCipher),
      selfAssessedAt: latest.selfAssessedAt ? latest.selfAssessedAt.toISOString() : null,
    };
  }

  async submitSelfAssessment(principal: Principal, dto: SubmitSelfAssessmentDto): Promise<MyEvaluationView> {
    const memberId = this.memberOf(principal);
    const latest = await this.repo.findLatestRoundForMember(memberId);
    if (!latest) throw new AppException(ErrorCode.EVALUATION_NO_OPEN_ROUND);
    await this.repo.transaction(async (m) => {
      if ((await this.repo.lockRoundStatus(m, latest.roundId)) !== 'open')
        throw new AppException(ErrorCode.EVALUATION_ROUND_CLOSED);
      await this.repo.saveSelfAssessment(m, latest.roundId, memberId, this.pii.encrypt(dto.text), this.clock.now());
    });
    return this.mine(principal);
  }

  async myResults(principal: Principal): Promise<MyEvaluationResult[]> {
    const memberId = this.memberOf(principal);
    return (await this.repo.findResultsForMember(memberId)).map((r) => ({
      roundId: r.roundId,
      year: r.year,
      branchName: r.branchName,
      grade: r.grade,
      reasons: this.pii.decrypt(r.reasonsCipher),
      publishedAt: r.publishedAt.toISOString(),
    }));
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private memberOf(principal: Principal): string {
    if (!principal.memberId) throw new AppException(ErrorCode.FORBIDDEN, '请先绑定党员信息');
    return principal.memberId;
  }

  /** The round, if the caller acts for its branch (the sending side); anyone else gets 404. */
  private async visibleRound(scope: Scope, id: string): Promise<RoundRow> {
    const round = await this.repo.findRound(id);
    if (!round || !actsFor(scope, round.branchPath)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这轮民主评议');
    return round;
  }

  /** The round, if the caller may change it (secretary or org admin), and it is still open. */
  private async manageableRound(scope: Scope, id: string): Promise<RoundRow> {
    const round = await this.visibleRound(scope, id);
    if (!actsFor(scope, round.branchPath, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '民主评议结果由党支部书记记录');
    if (round.status !== 'open') throw new AppException(ErrorCode.EVALUATION_ROUND_CLOSED);
    return round;
  }

  private async entryView(round: RoundRow, row: EntryRow): Promise<EvaluationEntryView> {
    const year = round.year;
    const from = new Date(Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS);
    const to = new Date(Date.UTC(year + 1, 0, 1) - BEIJING_OFFSET_MS);
    const flows = await this.repo.findYearFlows(row.memberId, from, to);
    const [feedback, facts, requiredHours] = await Promise.all([
      this.feedback.feedbackForYear(row.memberId, year),
      this.feedback.factsFor(
        row.memberId,
        [round.branchId, ...flows.receivingBranchIds],
        `${year}-01-01`,
        `${year + 1}-01-01`,
      ),
      this.repo.findRequiredStudyHours(round.branchPath, year),
    ]);
    const summary = summariseEvaluationInputs({
      away: flows.away,
      hasSelfAssessment: row.selfAssessedAt !== null,
      ratings: feedback.flatMap((f) => (f.rating ? [f.rating] : [])),
      facts: {
        activitiesHeld: facts.activitiesHeld,
        activitiesAttended: facts.activitiesAttended,
        studyHours: facts.studyHours,
        studyRequiredHours: requiredHours,
      },
    });
    return {
      roundId: round.id,
      memberId: row.memberId,
      name: this.pii.decrypt(row.memberNameCipher),
      away: flows.away,
      selfAssessment: this.pii.decryptOptional(row.selfAssessmentCipher),
      selfAssessedAt: row.selfAssessedAt ? row.selfAssessedAt.toISOString() : null,
      feedback: feedback.flatMap((f) =>
        f.rating && f.assessment
          ? [
              {
                feedbackId: f.id,
                period: f.period,
                periodLabel: f.periodLabel,
                receivingBranchName: f.receivingBranchName,
                rating: f.rating,
                assessment: f.assessment,
              },
            ]
          : [],
      ),
      facts: {
        activitiesHeld: facts.activitiesHeld,
        activitiesAttended: facts.activitiesAttended,
        studyHours: facts.studyHours,
        studyRequiredHours: requiredHours,
        volunteerHours: facts.volunteerHours,
        points: facts.points,
      },
      summary,
      grade: row.grade,
      reasons: this.pii.decryptOptional(row.reasonsCipher),
      gradedAt: row.gradedAt ? row.gradedAt.toISOString() : null,
    };
  }

  private roundView(r: RoundRow): EvaluationRoundView {
    return {
      id: r.id,
      branchId: r.branchId,
      branchName: r.branchName,
      year: r.year,
      status: r.status,
      members: r.members,
      selfAssessed: r.selfAssessed,
      graded: r.graded,
      openedAt: r.openedAt.toISOString(),
      closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    };
  }
}
