import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  HEARTBEAT_SECONDS,
  creditForBeat,
  type HeartbeatResponse,
  type MyStudyItem,
  type MyStudyPack,
  type OpenStudyItemResponse,
  type Paginated,
  type QuizResult,
  type StudyHistoryEntry,
  type StudyItemView,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { Clock } from '../common/time/clock.js';
import { PointsService } from '../points/points.service.js';
import type { HeartbeatDto, PageQueryDto, QuizAnswerDto } from './dto/study.dto.js';
import { quizForReader, scoreQuiz } from './study-items.js';
import { SESSION_LIVE_SECONDS, secondsBetween, studyDay } from './study-time.js';
import { StudyRepository, type BeatState, type ItemRow, type MyItemRow, type PackRow } from './study.repository.js';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Members reading their packs, and the study record.
 *
 * Time is credited only from heartbeats, by the server's clock:
 * - each beat earns the seconds since the session's previous beat (or its
 *   opening), at most one interval plus slack (`creditForBeat`), nothing
 *   when the page was hidden, nothing past the item's daily cap;
 * - a beat whose number is not above the last one recorded earns nothing
 *   (replays), and of two beats racing from the same state only one counts;
 * - only the member's newest live session earns: opening another item, or a
 *   second phone, silences the older session until the newer one stops;
 * - the daily cap holds per member, item and Beijing day; a session counts
 *   towards the day it was opened on.
 * An item is finished once its credited seconds (all days) reach its
 * minimum and, if it has a quiz, the quiz was answered; it finishes once.
 */
@Injectable()
export class StudyReadingService {
  constructor(
    private readonly repo: StudyRepository,
    private readonly clock: Clock,
    private readonly points: PointsService,
  ) {}

  async myPacks(principal: Principal, query: PageQueryDto): Promise<Paginated<MyStudyPack>> {
    const memberId = this.memberOf(principal);
    const limit = query.limit ?? 20;
    let after: { at: string; id: string } | undefined;
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, [CURSOR_AT, UUID]);
      after = { at, id };
    }
    const rows = await this.repo.findMyPacks(memberId, after, limit + 1);
    const page = rows.slice(0, limit);
    const items = await this.repo.findMyItems(
      memberId,
      page.map((p) => p.id),
    );
    const packs = page.map((p) => this.myPackView(p, items));
    const last = page[page.length - 1];
    return rows.length > limit && last
      ? { items: packs, nextCursor: encodeCursor([last.sortAt, last.id]) }
      : { items: packs };
  }

  async myPack(principal: Principal, packId: string): Promise<MyStudyPack> {
    const memberId = this.memberOf(principal);
    const pack = await this.repo.findMyPack(memberId, packId);
    if (!pack) throw new AppException(ErrorCode.NOT_FOUND, '找不到这份学习礼包');
    return this.myPackView(pack, await this.repo.findMyItems(memberId, [packId]));
  }

  async myItem(principal: Principal, itemId: string): Promise<StudyItemView> {
    return this.readerView(await this.readableItem(this.memberOf(principal), itemId));
  }

  /** Starts a reading session; the session earns time only through its heartbeats. */
  async open(principal: Principal, itemId: string): Promise<OpenStudyItemResponse> {
    const memberId = this.memberOf(principal);
    const item = await this.readableItem(memberId, itemId);
    const now = this.clock.now();
    const sessionId = randomUUID();
    await this.repo.transaction((m) =>
      this.repo.openSession(m, { memberId, itemId, packId: item.packId, day: studyDay(now), sessionId, at: now }),
    );
    return { sessionId, heartbeatSeconds: HEARTBEAT_SECONDS, item: this.readerView(item) };
  }

  heartbeat(principal: Principal, sessionId: string, dto: HeartbeatDto): Promise<HeartbeatResponse> {
    return this.beat(principal, sessionId, dto, false);
  }

  /** The last beat of a session (credited like any other), after which the session earns nothing and blocks nothing. */
  finish(principal: Principal, sessionId: string, dto: HeartbeatDto): Promise<HeartbeatResponse> {
    return this.beat(principal, sessionId, dto, true);
  }

  /** Scores an attempt. Members may try again; the best score is the one kept and shown. */
  async quiz(principal: Principal, itemId: string, dto: QuizAnswerDto): Promise<QuizResult> {
    const memberId = this.memberOf(principal);
    const item = await this.readableItem(memberId, itemId);
    if (!item.quiz) throw new AppException(ErrorCode.NOT_FOUND, '这一项没有测验');
    const result = scoreQuiz(item.quiz, dto.answers);
    const now = this.clock.now();
    const standing = await this.repo.recordQuiz(memberId, item, result.score, now);
    if (!standing.finished && standing.totalSeconds >= item.minSeconds) {
      await this.repo.markFinished(memberId, item.id, item.packId, now);
      await this.awardIfPackFinished(memberId, item.packId);
    }
    return result;
  }

  async history(principal: Principal, query: PageQueryDto): Promise<Paginated<StudyHistoryEntry>> {
    const memberId = this.memberOf(principal);
    const limit = query.limit ?? 30;
    let after: { day: string; itemId: string } | undefined;
    if (query.cursor) {
      const [day, itemId] = decodeCursor(query.cursor, [DAY, UUID]);
      after = { day, itemId };
    }
    const rows = await this.repo.findHistory(memberId, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return rows.length > limit && last
      ? { items: page, nextCursor: encodeCursor([last.day, last.itemId]) }
      : { items: page };
  }

  // ── helpers ──────────────────────────────────────────────────────────

  private async beat(
    principal: Principal,
    sessionId: string,
    dto: HeartbeatDto,
    end: boolean,
  ): Promise<HeartbeatResponse> {
    const memberId = this.memberOf(principal);
    const now = this.clock.now();
    const state = await this.repo.findBeatState(
      sessionId,
      memberId,
      new Date(now.getTime() - SESSION_LIVE_SECONDS * 1000),
    );
    if (!state) throw new AppException(ErrorCode.NOT_FOUND, '这次阅读已结束，请重新打开');
    if (state.ended || dto.seq <= state.lastSeq) {
      if (end && !state.ended) await this.repo.endSession(sessionId, now);
      return this.answer(state, 0);
    }
    const credit = creditForBeat({
      secondsSinceLastBeat: secondsBetween(state.lastBeatAt, now),
      visible: dto.visible && !state.newerLive,
      creditedToday: state.seconds,
      capSeconds: state.capSeconds,
    });
    const recorded = await this.repo.recordBeat(sessionId, {
      prevSeq: state.lastSeq,
      seq: dto.seq,
      at: now,
      credit,
      capSeconds: state.capSeconds,
      end,
    });
    if (!recorded) {
      // Another beat of this session got there first: it counted, this one does not.
      if (end) await this.repo.endSession(sessionId, now);
      return this.answer(state, 0);
    }
    const answer = this.answer(state, credit);
    if (!answer.finished && answer.effectiveSeconds >= state.minSeconds && (!state.hasQuiz || state.quizAnswered)) {
      await this.repo.markFinished(memberId, state.itemId, state.packId, now);
      await this.awardIfPackFinished(memberId, state.packId);
      answer.finished = true;
    }
    return answer;
  }

  /** A pack finished (every item) earns points once: the ledger keys the award by pack and member. */
  private async awardIfPackFinished(memberId: string, packId: string): Promise<void> {
    await this.repo.transaction(async (m) => {
      const pack = await this.repo.findPackCompletion(m, memberId, packId);
      if (!pack?.finished) return;
      await this.points.award(m, {
        memberId,
        source: 'study',
        sourceRef: `${packId}:${memberId}`,
        reason: `完成学习礼包“${pack.title}”`,
      });
    });
  }

  private answer(state: BeatState, credited: number): HeartbeatResponse {
    return { credited, effectiveSeconds: state.totalSeconds + credited, finished: state.finished };
  }

  private async readableItem(memberId: string, itemId: string): Promise<ItemRow> {
    const item = await this.repo.findReadableItem(memberId, itemId);
    if (!item) throw new AppException(ErrorCode.NOT_FOUND, '找不到这项学习内容');
    return item;
  }

  private memberOf(principal: Principal): string {
    if (!principal.memberId) throw new AppException(ErrorCode.NOT_FOUND, '您还没有绑定党员信息，请先在“我的”页面绑定');
    return principal.memberId;
  }

  /** What a member sees of an item: the sanitised body and the quiz without its answers. */
  private readerView(item: ItemRow): StudyItemView {
    return {
      id: item.id,
      position: item.position,
      kind: item.kind,
      title: item.title,
      body: item.body,
      url: item.url,
      minSeconds: item.minSeconds,
      capSeconds: item.capSeconds,
      quiz: quizForReader(item.quiz),
    };
  }

  private myPackView(pack: PackRow, items: MyItemRow[]): MyStudyPack {
    const mine: MyStudyItem[] = items
      .filter((i) => i.packId === pack.id)
      .map((i) => ({
        id: i.id,
        kind: i.kind,
        title: i.title,
        minSeconds: i.minSeconds,
        effectiveSeconds: i.effectiveSeconds,
        finished: i.finished,
        hasQuiz: i.hasQuiz,
        quizScore: i.quizScore,
      }));
    return {
      id: pack.id,
      title: pack.title,
      summary: pack.summary,
      month: pack.month,
      publishedAt: (pack.publishedAt ?? pack.createdAt).toISOString(),
      items: mine,
      finishedItems: mine.filter((i) => i.finished).length,
    };
  }
}
