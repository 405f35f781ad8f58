import { Injectable } from '@nestjs/common';
import {
  CARDS_PER_MEMBER_MAX,
  CARD_PHOTO_MAX_BYTES,
  ErrorCode,
  type AreaView,
  type BoardCardView,
  type CardPhotoView,
  type MyCardView,
  type Paginated,
  type SkillView,
} from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { Clock } from '../common/time/clock.js';
import type { Org } from '../orgs/org.entity.js';
import { OrgsService } from '../orgs/orgs.service.js';
import { cleanPhoto } from './card-photo.js';
import type {
  AreasQueryDto,
  BoardQueryDto,
  CardPhotoDto,
  CreateCardDto,
  CreateSkillDto,
  UpdateCardDto,
  UpdateSkillDto,
} from './dto/volunteer.dto.js';
import { CARD_AREA_LEVELS } from './volunteer-access.js';
import { VolunteerViews } from './volunteer-views.js';
import { VolunteerRepository, type CardRow, type CardValues } from './volunteer.repository.js';

export const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function afterCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, [CURSOR_AT, UUID]);
  return { at, id };
}

/** One page from `limit + 1` rows, with the cursor of its last row when there is more. */
export function page<R extends { id: string }, V>(
  rows: R[],
  limit: number,
  sortKey: (r: R) => string,
  view: (r: R) => V,
): Paginated<V> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit
    ? { items: items.map(view), nextCursor: encodeCursor([sortKey(last), last.id]) }
    : { items: items.map(view) };
}

export function requireMember(principal: Principal): string {
  if (!principal.memberId) throw new AppException(ErrorCode.FORBIDDEN, '请先绑定党员信息');
  return principal.memberId;
}

/**
 * The skill taxonomy, members' skill cards and the community board. A card
 * shows on the board of its area and of every area above it (a street's
 * board holds its communities' cards), to anyone signed in, with the
 * member's name masked and nothing to reach them outside the platform.
 */
@Injectable()
export class SkillCardsService {
  constructor(
    private readonly repo: VolunteerRepository,
    private readonly views: VolunteerViews,
    private readonly orgs: OrgsService,
    private readonly clock: Clock,
  ) {}

  async skills(principal: Principal, includeDisabled: boolean): Promise<SkillView[]> {
    const all = includeDisabled && principal.roles.includes('system_admin');
    const rows = await this.repo.listSkills(all);
    return rows.map((r) => ({ code: r.code, label: r.label, position: r.position, disabled: r.disabledAt !== null }));
  }

  async createSkill(principal: Principal, dto: CreateSkillDto): Promise<SkillView[]> {
    this.requireSystemAdmin(principal);
    const existing = await this.repo.findSkills([dto.code]);
    if (existing.length > 0) throw new AppException(ErrorCode.SKILL_CODE_TAKEN);
    try {
      await this.repo.insertSkill(dto.code, dto.label);
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new AppException(ErrorCode.SKILL_CODE_TAKEN, '技能编码或名称已存在');
      throw error;
    }
    this.views.forgetSkills();
    return this.skills(principal, true);
  }

  async updateSkill(principal: Principal, code: string, dto: UpdateSkillDto): Promise<SkillView[]> {
    this.requireSystemAdmin(principal);
    try {
      const found = await this.repo.updateSkill(code, dto.label, dto.disabled, this.clock.now());
      if (!found) throw new AppException(ErrorCode.NOT_FOUND, '没有这个技能');
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new AppException(ErrorCode.SKILL_CODE_TAKEN, '技能名称已存在');
      throw error;
    }
    this.views.forgetSkills();
    return this.skills(principal, true);
  }

  /** Orgs one level down from `parentId` (or the top), to pick a board or a card's area. */
  async areas(query: AreasQueryDto): Promise<AreaView[]> {
    const rows = await this.repo.childAreas(query.parentId ?? null);
    return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, selectable: CARD_AREA_LEVELS.has(r.level) }));
  }

  async myCards(principal: Principal): Promise<MyCardView[]> {
    const memberId = requireMember(principal);
    await this.views.skillsReady();
    return (await this.repo.findMemberCards(memberId)).map((r) => this.views.myCard(r));
  }

  async createCard(principal: Principal, dto: CreateCardDto): Promise<MyCardView> {
    const memberId = requireMember(principal);
    if ((await this.repo.countMemberCards(memberId)) >= CARDS_PER_MEMBER_MAX)
      throw new AppException(ErrorCode.SKILL_CARD_LIMIT);
    const values = await this.cardValues(dto, null);
    const id = await this.repo.insertCard(memberId, values);
    return this.ownCard(memberId, id);
  }

  async updateCard(principal: Principal, id: string, dto: UpdateCardDto): Promise<MyCardView> {
    const memberId = requireMember(principal);
    const card = await this.ownCardRow(memberId, id);
    const values = await this.cardValues(dto, card);
    await this.repo.updateCard(id, { ...values, status: dto.status ?? card.status }, this.clock.now());
    return this.ownCard(memberId, id);
  }

  async putPhoto(principal: Principal, id: string, dto: CardPhotoDto): Promise<MyCardView> {
    const memberId = requireMember(principal);
    await this.ownCardRow(memberId, id);
    const cleaned = cleanPhoto(dto.contentType, Buffer.from(dto.dataBase64, 'base64'));
    if (!cleaned || cleaned.length > CARD_PHOTO_MAX_BYTES) throw new AppException(ErrorCode.CARD_PHOTO_INVALID);
    await this.repo.upsertPhoto(id, dto.contentType, cleaned, this.clock.now());
    return this.ownCard(memberId, id);
  }

  async deletePhoto(principal: Principal, id: string): Promise<MyCardView> {
    const memberId = requireMember(principal);
    await this.ownCardRow(memberId, id);
    await this.repo.deletePhoto(id);
    return this.ownCard(memberId, id);
  }

  async photo(principal: Principal, id: string): Promise<CardPhotoView> {
    await this.visibleCard(principal, id);
    const photo = await this.repo.findPhoto(id);
    if (!photo) throw new AppException(ErrorCode.NOT_FOUND, '这张技能卡没有照片');
    return { contentType: photo.contentType, dataBase64: photo.bytes.toString('base64') };
  }

  /** A card as the board shows it: active cards to anyone signed in, a paused one to its owner only. */
  async card(principal: Principal, id: string): Promise<BoardCardView> {
    const row = await this.visibleCard(principal, id);
    await this.views.skillsReady();
    return this.views.boardCard(row, row.memberId !== principal.memberId);
  }

  async board(principal: Principal, query: BoardQueryDto): Promise<Paginated<BoardCardView>> {
    const area = await this.orgs.findById(query.areaId);
    if (!area) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个社区');
    const limit = query.limit ?? 20;
    const rows = await this.repo.boardCards(area.path, query.skill, afterCursor(query.cursor), limit + 1);
    await this.views.skillsReady();
    return page(
      rows,
      limit,
      (r) => r.sortAt,
      (r) => this.views.boardCard(r, r.memberId !== principal.memberId),
    );
  }

  /** A card the caller may see; anything else is not there. */
  async visibleCard(principal: Principal, id: string): Promise<CardRow> {
    const row = await this.repo.findCard(id);
    if (!row || (row.status !== 'active' && row.memberId !== principal.memberId))
      throw new AppException(ErrorCode.SKILL_CARD_NOT_FOUND);
    return row;
  }

  private async ownCardRow(memberId: string, id: string): Promise<CardRow> {
    const row = await this.repo.findCard(id);
    if (!row || row.memberId !== memberId) throw new AppException(ErrorCode.SKILL_CARD_NOT_FOUND);
    return row;
  }

  private async ownCard(memberId: string, id: string): Promise<MyCardView> {
    const row = await this.ownCardRow(memberId, id);
    await this.views.skillsReady();
    return this.views.myCard(row);
  }

  private async cardValues(dto: CreateCardDto | UpdateCardDto, current: CardRow | null): Promise<CardValues> {
    const skillCodes = dto.skillCodes ?? current!.skillCodes;
    if (dto.skillCodes) {
      const known = await this.repo.findSkills(dto.skillCodes);
      // A skill disabled after it was put on the card may stay; new ones must be live.
      const ok = dto.skillCodes.every((code) => {
        const skill = known.find((k) => k.code === code);
        return skill && (skill.disabledAt === null || current?.skillCodes.includes(code));
      });
      if (!ok) throw new AppException(ErrorCode.SKILL_UNKNOWN);
    }
    let area: Pick<Org, 'id' | 'path'> | null = current ? { id: current.areaOrgId, path: current.areaPath } : null;
    if (dto.areaId) {
      const org = await this.orgs.findById(dto.areaId);
      if (!org || !CARD_AREA_LEVELS.has(org.level)) throw new AppException(ErrorCode.VOLUNTEER_AREA_INVALID);
      area = org;
    }
    const availability = dto.availability ?? (current ? this.views.availability(current) : null);
    return {
      skillCodes,
      extraSkills: dto.extraSkills !== undefined ? dto.extraSkills || null : (current?.extraSkills ?? null),
      description: dto.description ?? current!.description,
      areaOrgId: area!.id,
      areaPath: area!.path,
      regionText: dto.regionText !== undefined ? dto.regionText || null : (current?.regionText ?? null),
      availableDays: [...new Set(availability!.days)].sort(),
      availableSlots: availability!.slots,
      availabilityNote: availability!.note || null,
    };
  }

  private requireSystemAdmin(principal: Principal): void {
    if (!principal.roles.includes('system_admin'))
      throw new AppException(ErrorCode.FORBIDDEN, '只有系统管理员可以维护技能目录');
  }
}
