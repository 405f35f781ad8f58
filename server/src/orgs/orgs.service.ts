import { Injectable } from '@nestjs/common';
import { ErrorCode, canNest, type OrgView } from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { MANAGE_ROLES, actingPaths, actsFor, type Scope } from '../common/scope/scope.js';
import type { CreateOrgDto } from './dto/org.dto.js';
import type { Org } from './org.entity.js';
import { OrgsRepository, type NewOrg } from './orgs.repository.js';

/** The organisation tree. Other features reach orgs only through this service. */
@Injectable()
export class OrgsService {
  constructor(
    private readonly orgs: OrgsRepository,
    private readonly scopes: ScopeService,
  ) {}

  /** An org the caller may see (within a subtree they act for), or NOT_FOUND: out-of-scope ids are not confirmed to exist. */
  async getVisible(scope: Scope, id: string): Promise<Org> {
    const org = await this.orgs.findById(id);
    if (!org || !(scope.systemAdmin || actsFor(scope, org.path)))
      throw new AppException(ErrorCode.NOT_FOUND, '找不到这个组织');
    return org;
  }

  /** Any org by id, for features that check scope themselves (e.g. a receiving branch picked by a member). */
  findById(id: string): Promise<Org | null> {
    return this.orgs.findById(id);
  }

  /** The org and its ancestors, root first. */
  trail(org: Org): Promise<Org[]> {
    return this.orgs.findTrail(org);
  }

  findByIds(ids: string[]): Promise<Org[]> {
    return this.orgs.findByIds(ids);
  }

  async view(principal: Principal, id: string): Promise<OrgView> {
    return this.toView(await this.getVisible(await this.scopes.forPrincipal(principal), id));
  }

  /** The roots of the caller's world: the orgs of their grants. */
  async mine(principal: Principal): Promise<OrgView[]> {
    const scope = await this.scopes.forPrincipal(principal);
    const paths = scope.systemAdmin ? [] : actingPaths(scope);
    const ids = paths.map((p) => p.split('/').filter(Boolean).pop()!);
    const orgs = await this.orgs.findByIds(ids);
    return Promise.all(orgs.map((o) => this.toView(o)));
  }

  async children(principal: Principal, id: string, limit = 100, after?: string): Promise<OrgView[]> {
    await this.getVisible(await this.scopes.forPrincipal(principal), id);
    const rows = await this.orgs.findChildren(id, limit, after);
    return Promise.all(rows.map((o) => this.toView(o)));
  }

  async create(principal: Principal, dto: CreateOrgDto): Promise<OrgView> {
    const scope = await this.scopes.forPrincipal(principal);
    const parent = await this.getVisible(scope, dto.parentId);
    if (!scope.systemAdmin && !actsFor(scope, parent.path, MANAGE_ROLES))
      throw new AppException(ErrorCode.FORBIDDEN, '只有上级组织的书记或管理员可以新建下级组织');
    if (!canNest(parent.level, dto.level)) throw new AppException(ErrorCode.ORG_LEVEL_INVALID);
    return this.toView(await this.orgs.insert(this.newOrg(dto), parent));
  }

  /** For seeding and imports, where the caller has already been authorised. */
  insertTrusted(values: NewOrg, parent: Org | null, manager?: EntityManager): Promise<Org> {
    return this.orgs.insert(values, parent, manager);
  }

  async toView(org: Org): Promise<OrgView> {
    const trail = await this.orgs.findTrail(org);
    return {
      id: org.id,
      parentId: org.parentId,
      level: org.level,
      kind: org.kind,
      name: org.name,
      regionCode: org.regionCode,
      address: org.address,
      location:
        org.latitude !== null && org.longitude !== null
          ? { latitude: Number(org.latitude), longitude: Number(org.longitude) }
          : null,
      secretaryName: org.secretaryName,
      activityDay: org.activityDay,
      foundingOrgId: org.foundingOrgId,
      trail: trail.map((o) => o.name),
    };
  }

  private newOrg(dto: CreateOrgDto): NewOrg {
    return {
      parentId: dto.parentId,
      level: dto.level,
      kind: dto.kind ?? 'regular',
      name: dto.name.trim(),
      regionCode: dto.regionCode ?? null,
      address: dto.address ?? null,
      latitude: dto.latitude !== undefined ? String(dto.latitude) : null,
      longitude: dto.longitude !== undefined ? String(dto.longitude) : null,
      secretaryName: dto.secretaryName ?? null,
      activityDay: dto.activityDay ?? null,
      foundingOrgId: dto.foundingOrgId ?? null,
    };
  }
}
