import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  SUGGESTION_CATEGORY_LABELS,
  SUGGESTION_IMAGE_MAX_BYTES,
  SUGGESTION_PAGE_DEFAULT,
  SUGGESTION_STATUS_LABELS,
  canMoveSuggestion,
  suggestionNeedsReply,
  type Paginated,
  type SuggestionImageType,
  type SuggestionListItem,
  type SuggestionView,
  type UploadedSuggestionImage,
} from '@pioneer/shared';
import type { Principal } from '../../common/auth/principal.js';
import { PiiCrypto } from '../../common/crypto/pii.service.js';
import { AppException } from '../../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor.js';
import { ScopeService } from '../../common/scope/scope.service.js';
import { Clock } from '../../common/time/clock.js';
import { InboxService, type InboxMessage } from '../../notifications/inbox.service.js';
import { WechatOutboxService } from '../../notifications/wechat-outbox.service.js';
import { OrgsService } from '../../orgs/orgs.service.js';
import { managedPaths, requireHomeManager, requireMemberId } from '../access.js';
import { ReportsRepository } from '../reports/reports.repository.js';
import type {
  CreateSuggestionDto,
  ListMySuggestionsQueryDto,
  ListSuggestionsQueryDto,
  MoveSuggestionDto,
} from './dto/suggestions.dto.js';
import { sniffImageType } from './image-type.js';
import { SuggestionsRepository, type SuggestionRow } from './suggestions.repository.js';

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Pictures one member may upload and leave unsent in a day. */
const UNSENT_IMAGES_PER_DAY = 20;

/** An uploaded file as multer's memory storage gives it. */
export interface ImageUpload {
  buffer: Buffer;
  size: number;
}

/**
 * Suggestions (建言献策): a member sends advice, with pictures, to their home
 * branch; the branch's secretary and the org admins above it (township,
 * county) list, answer and track it. The member sees status and reply.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly repo: SuggestionsRepository,
    private readonly reports: ReportsRepository,
    private readonly pii: PiiCrypto,
    private readonly scopes: ScopeService,
    private readonly orgs: OrgsService,
    private readonly inbox: InboxService,
    private readonly wechat: WechatOutboxService,
    private readonly clock: Clock,
  ) {}

  /** One picture, checked by its bytes (JPEG or PNG, at most 1 MB), parked until the suggestion is sent. */
  async uploadImage(principal: Principal, file: ImageUpload | undefined): Promise<UploadedSuggestionImage> {
    const memberId = requireMemberId(principal);
    const contentType = file ? sniffImageType(file.buffer) : null;
    if (!file || !contentType || file.size === 0 || file.size > SUGGESTION_IMAGE_MAX_BYTES) {
      throw new AppException(ErrorCode.SUGGESTION_IMAGE_INVALID);
    }
    const since = new Date(this.clock.now().getTime() - 24 * 3600 * 1000);
    if ((await this.repo.countRecentUnattached(memberId, since)) >= UNSENT_IMAGES_PER_DAY) {
      throw new AppException(ErrorCode.RATE_LIMITED, '今天上传的图片太多了，请先提交建议');
    }
    const id = await this.repo.insertImage(memberId, contentType, file.buffer);
    return { id, contentType, size: file.size };
  }

  /** Sends a suggestion home; the same client key again answers the first one. */
  async create(principal: Principal, dto: CreateSuggestionDto): Promise<SuggestionView> {
    const memberId = requireMemberId(principal);
    const imageIds = dto.imageIds ?? [];
    if (new Set(imageIds).size !== imageIds.length) throw new AppException(ErrorCode.SUGGESTION_IMAGE_INVALID);
    const id = await this.repo.transaction(async (m) => {
      const earlier = await this.repo.findIdByClientKey(memberId, dto.clientKey, m);
      if (earlier) return earlier;
      const home = await this.reports.findMemberHome(memberId, m);
      if (!home) throw new AppException(ErrorCode.NOT_FOUND, '找不到您的党员信息');
      const created = await this.repo.insert(
        m,
        {
          memberId,
          branchId: home.branchId,
          branchPath: home.branchPath,
          category: dto.category,
          title: dto.title,
          textCipher: this.pii.encrypt(dto.text),
          clientKey: dto.clientKey,
        },
        this.clock.now(),
      );
      // A concurrent retry won the insert: answer its suggestion.
      if (!created) return (await this.repo.findIdByClientKey(memberId, dto.clientKey, m)) as string;
      if ((await this.repo.attachImages(m, created, memberId, imageIds)) !== imageIds.length) {
        throw new AppException(ErrorCode.SUGGESTION_IMAGE_INVALID);
      }
      const todo: InboxMessage = {
        to: { orgId: home.branchId },
        category: 'todo',
        kind: 'suggestion.received',
        title: `建言献策：${SUGGESTION_CATEGORY_LABELS[dto.category]}`,
        body: `${this.pii.decrypt(home.nameCipher)}提出了建议“${dto.title}”，请办理并答复。`,
        subject: { type: 'suggestion', id: created },
      };
      await this.inbox.send(m, [todo]);
      await this.wechat.enqueue(m, [todo]);
      return created;
    });
    return this.view(await this.mustFind(id));
  }

  async listMine(principal: Principal, query: ListMySuggestionsQueryDto): Promise<Paginated<SuggestionListItem>> {
    const memberId = requireMemberId(principal);
    const limit = query.limit ?? SUGGESTION_PAGE_DEFAULT;
    const rows = await this.repo.list({ memberId, after: this.after(query.cursor), limit: limit + 1 });
    return this.page(rows, limit);
  }

  async getMine(principal: Principal, id: string): Promise<SuggestionView> {
    const memberId = requireMemberId(principal);
    const row = await this.repo.findById(id);
    if (!row || row.memberId !== memberId) throw new AppException(ErrorCode.NOT_FOUND, '找不到这条建议');
    return this.view(row);
  }

  /** The home side's list: a county's (or any managed subtree's) suggestions, filtered, newest first. */
  async list(principal: Principal, query: ListSuggestionsQueryDto): Promise<Paginated<SuggestionListItem>> {
    const scope = await this.scopes.forPrincipal(principal);
    const orgPath = query.orgId ? ((await this.orgs.findById(query.orgId))?.path ?? null) : undefined;
    const paths = managedPaths(scope, orgPath);
    const limit = query.limit ?? SUGGESTION_PAGE_DEFAULT;
    const rows = await this.repo.list({
      paths,
      status: query.status,
      category: query.category,
      after: this.after(query.cursor),
      limit: limit + 1,
    });
    return this.page(rows, limit);
  }

  async get(principal: Principal, id: string): Promise<SuggestionView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findById(id);
    requireHomeManager(scope, row?.branchPath ?? null, '建议');
    return this.view(row as SuggestionRow);
  }

  /** 办理: forward only (已收到 → 办理中 → 已采纳/已答复/未采纳); a final answer carries a reply for the member. */
  async move(principal: Principal, id: string, dto: MoveSuggestionDto): Promise<SuggestionView> {
    const scope = await this.scopes.forPrincipal(principal);
    const row = await this.repo.findById(id);
    requireHomeManager(scope, row?.branchPath ?? null, '建议');
    const current = row as SuggestionRow;
    if (!canMoveSuggestion(current.status, dto.status)) throw new AppException(ErrorCode.SUGGESTION_WRONG_STATE);
    if (suggestionNeedsReply(dto.status) && !dto.reply) throw new AppException(ErrorCode.SUGGESTION_REPLY_REQUIRED);
    await this.repo.transaction(async (m) => {
      const reply = dto.reply ? { cipher: this.pii.encrypt(dto.reply), accountId: principal.accountId } : null;
      if (!(await this.repo.move(m, id, current.status, dto.status, reply, this.clock.now()))) {
        throw new AppException(ErrorCode.SUGGESTION_WRONG_STATE, '这条建议刚被别人办理过，请刷新后再看');
      }
      await this.inbox.complete(m, id, ['suggestion.received']);
      const notice: InboxMessage = {
        to: { memberId: current.memberId },
        category: 'notice',
        kind: 'suggestion.updated',
        title: `您的建议${SUGGESTION_STATUS_LABELS[dto.status]}`,
        body: `您提出的建议“${current.title}”${SUGGESTION_STATUS_LABELS[dto.status]}${dto.reply ? '，请查看答复。' : '。'}`,
        subject: { type: 'suggestion', id },
      };
      await this.inbox.send(m, [notice]);
      await this.wechat.enqueue(m, [notice]);
    });
    return this.view(await this.mustFind(id));
  }

  /** A picture of a suggestion, for the member who sent it or its home side. */
  async image(
    principal: Principal,
    id: string,
    imageId: string,
  ): Promise<{ contentType: SuggestionImageType; bytes: Buffer }> {
    const row = await this.repo.findById(id);
    if (!row || row.memberId !== principal.memberId) {
      requireHomeManager(await this.scopes.forPrincipal(principal), row?.branchPath ?? null, '建议');
    }
    const image = await this.repo.findImage(id, imageId);
    if (!image) throw new AppException(ErrorCode.NOT_FOUND, '找不到这张图片');
    return image;
  }

  private async mustFind(id: string): Promise<SuggestionRow> {
    const row = await this.repo.findById(id);
    if (!row) throw new AppException(ErrorCode.NOT_FOUND, '找不到这条建议');
    return row;
  }

  private after(cursor: string | undefined): { at: string; id: string } | undefined {
    if (!cursor) return undefined;
    const [at, id] = decodeCursor(cursor, [CURSOR_AT, UUID]);
    return { at, id };
  }

  private page(rows: SuggestionRow[], limit: number): Paginated<SuggestionListItem> {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const items = page.map((r) => this.listItem(r));
    return rows.length > limit && last ? { items, nextCursor: encodeCursor([last.sortAt, last.id]) } : { items };
  }

  private listItem(r: SuggestionRow): SuggestionListItem {
    return {
      id: r.id,
      category: r.category,
      title: r.title,
      status: r.status,
      memberName: this.pii.decrypt(r.memberNameCipher),
      branchName: r.branchName,
      imageCount: r.imageIds.length,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  private view(r: SuggestionRow): SuggestionView {
    return {
      ...this.listItem(r),
      text: this.pii.decrypt(r.textCipher),
      imageIds: r.imageIds,
      reply: r.replyCipher ? this.pii.decrypt(r.replyCipher) : null,
      repliedAt: r.repliedAt ? r.repliedAt.toISOString() : null,
    };
  }
}
