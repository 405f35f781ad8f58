import { actingPaths, actsFor, sideFor, subtreeRange, type Scope } from './scope.js';

const COUNTY = '/a/b/county/';
const BRANCH = '/a/b/county/town/village/branch/';
const OTHER_COUNTY = '/a/b/other/';
const CITY_BRANCH = '/x/y/district/street/mobile-branch/';

function scope(partial: Partial<Scope>): Scope {
  return { accountId: 'acc', memberId: null, roles: [], grants: [], systemAdmin: false, ...partial };
}

const secretary = scope({
  roles: ['branch_secretary'],
  grants: [{ role: 'branch_secretary', orgId: 'b', orgPath: BRANCH }],
});
const countyAdmin = scope({ roles: ['org_admin'], grants: [{ role: 'org_admin', orgId: 'c', orgPath: COUNTY }] });
const receivingSecretary = scope({
  roles: ['branch_secretary'],
  grants: [{ role: 'branch_secretary', orgId: 'm', orgPath: CITY_BRANCH }],
});
const member = scope({ roles: ['member'], memberId: 'me' });
const staff = scope({ roles: ['community_staff'], grants: [{ role: 'community_staff', orgId: 'c', orgPath: COUNTY }] });

describe('sideFor', () => {
  it.each([
    ['the home secretary', secretary, { memberId: 'm1', branchPath: BRANCH, receivingPath: CITY_BRANCH }, 'sending'],
    [
      'the county admin above the branch',
      countyAdmin,
      { memberId: 'm1', branchPath: BRANCH, receivingPath: null },
      'sending',
    ],
    [
      'the receiving secretary',
      receivingSecretary,
      { memberId: 'm1', branchPath: BRANCH, receivingPath: CITY_BRANCH },
      'receiving',
    ],
    [
      'the receiving secretary once the flow has closed',
      receivingSecretary,
      { memberId: 'm1', branchPath: BRANCH, receivingPath: null },
      'none',
    ],
    ['another county', countyAdmin, { memberId: 'm2', branchPath: `${OTHER_COUNTY}x/`, receivingPath: null }, 'none'],
    ['the member themself', member, { memberId: 'me', branchPath: BRANCH, receivingPath: null }, 'self'],
    ['a member looking at someone else', member, { memberId: 'm1', branchPath: BRANCH, receivingPath: null }, 'none'],
    ['community staff', staff, { memberId: 'm1', branchPath: BRANCH, receivingPath: null }, 'none'],
  ] as const)('gives %s the right side', (_who, s, placement, expected) => {
    expect(sideFor(s, placement)).toBe(expected);
  });

  it('does not let a sibling path prefix leak (branch-1 vs branch-10)', () => {
    const s = scope({ grants: [{ role: 'branch_secretary', orgId: 'x', orgPath: '/a/branch-1/' }] });
    expect(actsFor(s, '/a/branch-10/')).toBe(false);
    expect(actsFor(s, '/a/branch-1/group/')).toBe(true);
  });
});

describe('actingPaths', () => {
  it('folds nested grants into their ancestor and ignores non-org roles', () => {
    const s = scope({
      grants: [
        { role: 'org_admin', orgId: 'c', orgPath: COUNTY },
        { role: 'branch_secretary', orgId: 'b', orgPath: BRANCH },
        { role: 'community_staff', orgId: 'o', orgPath: OTHER_COUNTY },
      ],
    });
    expect(actingPaths(s)).toEqual([COUNTY]);
  });
});

describe('subtreeRange', () => {
  it('bounds every descendant path and nothing beside it', () => {
    const { from, to } = subtreeRange('/a/b/');
    const inside = ['/a/b/', '/a/b/c/', '/a/b/ffff/'];
    const outside = ['/a/', '/a/c/', '/a/bb/'];
    for (const p of inside) expect(p >= from && p < to).toBe(true);
    for (const p of outside) expect(p >= from && p < to).toBe(false);
  });
});
