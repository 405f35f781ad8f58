import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_PAGE_DEFAULT,
  ErrorCode,
  ID_NUMBER_PATTERN,
  PHONE_PATTERN,
  maskIdNumber,
  maskPhone,
  type AuditAction,
  type AuditActorKind,
  type AuditEventView,
  type AuditPage,
  type AuditResult,
  type ListAuditQuery,
  type Role,
} from '@pioneer/shared';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { AppException } from '../common/errors/app-exception.js';
import { actingPaths, actsFor, subtreeRange } from '../common/scope/scope.js';
import { ScopeService } from '../common/scope/scope.service.js';
import { Clock } from '../common/time/clock.js';
import { GENESIS_HASH, canonicalTimestamp, chainHash, type ChainedEvent } from './audit-chain.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditRepository } from './audit.repository.js';

/** One event to record. Details must hold no personal data in clear: pass masked values (maskPhone, maskName …). */
export interface AuditEntry {
  action: AuditAction;
  result: AuditResult;
  /** The account that acted; null for the system or an unknown caller. */
  actorAccountId: string | null;
  actorKind: AuditActorKind;
  /** What was acted on, e.g. 'member' + its id. */
  targetType?: string | null;
  targetId?: string | null;
  /** The materialised path of the org the event belongs to, so that org's admins (and those above) see it. */
  orgPath?: string | null;
  clientIp?: string | null;
  details?: Record<string, unknown> | null;
}

export interface RecordedAuditEvent {
  id: string;
  hash: string;
}

/** The actor fields of an entry for a signed-in caller. */
export function auditActor(principal: Principal): Pick<AuditEntry, 'actorAccountId' | 'actorKind'> {
  return { actorAccountId: principal.accountId, actorKind: principal.kind };
}

/** Who may browse the log: admins of an org subtree see its events; system admins see all. */
const AUDIT_READER_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);
const KNOWN_ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/**
 * The audit log: appends hash-chained events and lets admins browse them.
 *
 * One global chain, serialised by one advisory lock: simple, and a single
 * `audit:verify` run proves the whole log. Its cost is that every audited
 * write in the country queues on that lock until its transaction commits,
 * and verification reads every row. At national scale, split it: one chain
 * per county (the lock key and the last-hash lookup keyed by the county, a
 * chain column in the table, verification per chain and in parallel), and
 * publish periodic anchors (each chain's latest hash, signed or sent to a
 * separate system), which also catch removal of the newest events, which no
 * chain can catch on its own.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one event. Given the manager of a caller's transaction, the event
   * commits or rolls back with the audited change; call it as the last step
   * of that transaction, since it holds the chain lock until commit, and
   * always pass the manager when inside a transaction (a second connection
   * would wait for the lock that transaction holds). Without a manager the
   * event is written in its own transaction.
   */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<RecordedAuditEvent> {
    if (!KNOWN_ACTIONS.has(entry.action)) {
      throw new Error(`Unknown audit action ${entry.action}: add it to AUDIT_ACTIONS`);
    }
    if (!manager) return this.repository.transaction((m) => this.append(entry, m));
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record was given an EntityManager outside a transaction');
    }
    return this.append(entry, manager);
  }

  async list(principal: Principal, query: ListAuditQuery): Promise<AuditPage> {
    const scope = await this.scopes.forPrincipal(principal);
    const own = actingPaths(scope, AUDIT_READER_ROLES);
    if (!scope.systemAdmin && own.length === 0) {
      throw new AppException(ErrorCode.FORBIDDEN, '只有组织部门管理员和系统管理员可以查看审计日志');
    }
    let paths: string[] | null = scope.systemAdmin ? null : own;
    if (query.orgId) {
      const path = await this.repository.findOrgPath(query.orgId);
      // Outside the caller's subtrees, an unknown org and a foreign one get the same answer.
      if (!scope.systemAdmin && (!path || !actsFor(scope, path, AUDIT_READER_ROLES))) {
        throw new AppException(ErrorCode.FORBIDDEN, '该组织不在您的管辖范围内');
      }
      if (!path) throw new AppException(ErrorCode.NOT_FOUND, '组织不存在');
      paths = [path];
    }
    const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
    const rows = await this.repository.findPageForSubtrees({
      orgRanges: paths && paths.map(subtreeRange),
      action: query.action,
      beforeId: query.cursor,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(toView);
    return rows.length > limit ? { items, nextCursor: items[items.length - 1].id } : { items };
  }

  private async append(entry: AuditEntry, manager: EntityManager): Promise<RecordedAuditEvent> {
    const isolation = await this.repository.lockChain(manager);
    if (isolation !== 'read committed') {
      throw new Error(`Audit events must be recorded in a READ COMMITTED transaction, not ${isolation}`);
    }
    const prevHash = (await this.repository.findLastHash(manager)) ?? GENESIS_HASH;
    const event: ChainedEvent = {
      at: canonicalTimestamp(this.clock.now()),
      actorAccountId: entry.actorAccountId?.toLowerCase() ?? null,
      actorKind: entry.actorKind,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      orgPath: entry.orgPath ?? null,
      result: entry.result,
      clientIp: entry.clientIp ?? null,
      details: scrubDetails(entry.details),
      prevHash,
    };
    const hash = chainHash(event);
    const id = await this.repository.insertEvent(manager, { ...event, hash });
    return { id, hash };
  }
}

/**
 * Details as they will come back from jsonb (plain JSON, undefined dropped),
 * with any value that is a whole phone or ID number masked: a safety net
 * for a caller that forgot to mask.
 */
export function scrubDetails(details: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (details === null || details === undefined) return null;
  const plain = JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (PHONE_PATTERN.test(value)) return maskPhone(value);
      if (ID_NUMBER_PATTERN.test(value.toUpperCase())) return maskIdNumber(value);
      return value;
    }
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    }
    return value;
  };
  return scrub(plain) as Record<string, unknown>;
}

function toView(e: AuditEvent): AuditEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorAccountId: e.actorAccountId,
    actorKind: e.actorKind,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    orgId: e.orgPath?.split('/').filter(Boolean).pop() ?? null,
    result: e.result,
    clientIp: e.clientIp,
    details: e.details,
  };
}
