import type { Role } from '@pioneer/shared';

/**
 * Who may do what in volunteering, on top of the one scope model
 * (common/scope): the roles that act for a community or branch here.
 */

/** Post and manage needs, and see the services of their org: community staff, secretaries, org admins. */
export const NEED_ROLES: ReadonlySet<Role> = new Set<Role>(['community_staff', 'branch_secretary', 'org_admin']);

/** Ask a member for help on behalf of an org (as the recipient): the same people. */
export const REQUEST_FOR_ORG_ROLES = NEED_ROLES;

/** The 雁归 reserve list is the organisation department's. */
export const RESERVE_ROLES: ReadonlySet<Role> = new Set<Role>(['org_admin']);

/** Levels whose board a card can sit on: a community (村/社区) or a street (街道/乡镇). */
export const CARD_AREA_LEVELS = new Set(['township', 'village']);

/** Levels that post needs. */
export const NEED_ORG_LEVELS = new Set(['township', 'village', 'committee', 'branch']);
