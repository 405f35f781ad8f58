import { Injectable } from '@nestjs/common';
import { ErrorCode, type Paginated, type ReserveEntryView, type ReturnPledgeView } from '@pioneer/shared';
import type { Principal } from '../common/auth/principal.js';
import { PiiCrypto } from '../common/crypto/pii.service.js';
import { AppException } from '../common/errors/app-exception.js';
import { actsFor } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { OrgsService } from '../orgs/orgs.service.js';
import type { ReserveQueryDto, ReturnPledgeDto } from './dto/volunteer.dto.js';
import { afterCursor, page, requireMember } from './skill-cards.service.js';
import { RESERVE_ROLES } from './volunteer-access.js';
import { VolunteerViews } from './volunteer-views.js';
import { VolunteerRepository, type PledgeRow } from './volunteer.repository.js';

/**
 * 雁归 (returning talent): a member says they would come home and serve;
 * with their cards and service record they appear on the reserve list of
 * the organisation department above their membership branch — the sending
 * side, which sees their name, never their phone or ID number here.
 */
@Injectable()
export class ReturningTalentService {
  constructor(
    private readonly repo: VolunteerRepository,
    private readonly views: VolunteerViews,
    private readonly orgs: OrgsService,
    private readonly scopes: ScopeService,
    private readonly pii: PiiCrypto,
    private readonly clock: Clock,
  ) {}

  async mine(principal: Principal): Promise<ReturnPledgeView> {
    return this.pledgeView(await this.repo.findPledge(requireMember(principal)));
  }

  async pledge(principal: Principal, dto: ReturnPledgeDto): Promise<ReturnPledgeView> {
    const memberId = requireMember(principal);
    await this.repo.upsertPledge(memberId, dto.preferredRole, dto.note || null, this.clock.now());
    return this.mine(principal);
  }

  async withdraw(principal: Principal): Promise<ReturnPledgeView> {
    const memberId = requireMember(principal);
    await this.repo.withdrawPledge(memberId, this.clock.now());
    return this.mine(principal);
  }

  async reserve(principal: Principal, query: ReserveQueryDto): Promise<Paginated<ReserveEntryView>> {
    const scope = await this.scopes.forPrincipal(principal);
    const org = await this.orgs.findById(query.orgId);
    if (!org || !actsFor(scope, org.path)) throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    if (!actsFor(scope, org.path, RESERVE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '雁归人才库由组织部门管理员查看');
    const limit = query.limit ?? 20;
    const rows = await this.repo.reserve(org.path, afterCursor(query.cursor), limit + 1);
    await this.views.skillsReady();
    return page(
      rows.map((r) => ({ ...r, id: r.memberId })),
      limit,
      (r) => r.sortAt,
      (r) => ({
        memberId: r.memberId,
        name: this.pii.decrypt(r.memberNameCipher),
        branchName: r.branchName,
        preferredRole: r.preferredRole,
        note: r.note,
        since: r.since.toISOString(),
        skills: this.views.skillRefs(r.skillCodes),
        extraSkills: r.extraSkills,
        servicesConfirmed: r.servicesConfirmed,
        minutesServed: r.minutesServed,
        ratingAverage: r.ratingAverage,
      }),
    );
  }

  private pledgeView(row: PledgeRow | null): ReturnPledgeView {
    if (!row || row.withdrawnAt)
      return { active: false, preferredRole: row?.preferredRole ?? null, note: row?.note ?? null, since: null };
    return { active: true, preferredRole: row.preferredRole, note: row.note, since: row.since.toISOString() };
  }
}
