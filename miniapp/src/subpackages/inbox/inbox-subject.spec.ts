import { Role } from '@pioneer/shared';
import { makeInboxItem } from '../../../test/activity-factories';
import { makeAccount, makeStaffAccount } from '../../../test/factories';
import { Routes } from '../../routes';
import { inboxTarget, isPending } from './inbox-subject';

const secretary = makeStaffAccount();
const member = makeAccount({ roles: [Role.MEMBER] });

describe(inboxTarget.name, () => {
  it.each([
    [
      'an open flow to-do',
      makeInboxItem({ category: 'todo', subjectType: 'flow' }),
      { kind: 'route', route: Routes.secretaryPending },
    ],
    [
      'a done flow to-do',
      makeInboxItem({ category: 'todo', subjectType: 'flow', subjectId: 'f-1', doneAt: '2025-03-05T00:00:00Z' }),
      { kind: 'flowPerson', flowId: 'f-1' },
    ],
    ['a flow notice', makeInboxItem({ subjectType: 'flow', subjectId: 'f-2' }), { kind: 'flowPerson', flowId: 'f-2' }],
    [
      'a member notice',
      makeInboxItem({ subjectType: 'member', subjectId: 'm-1' }),
      { kind: 'route', route: Routes.secretaryPerson, query: { id: 'm-1' } },
    ],
    [
      'an activity notice',
      makeInboxItem({ subjectType: 'activity', subjectId: 'a-1' }),
      { kind: 'route', route: Routes.secretaryActivity, query: { id: 'a-1' } },
    ],
    [
      'an overdue responsibility to-do',
      makeInboxItem({ category: 'todo', subjectType: 'responsibility', subjectId: 'r-1' }),
      { kind: 'route', route: Routes.dutiesList, query: { itemId: 'r-1' } },
    ],
  ])('leads a secretary from %s to the right screen', (_name, item, target) => {
    expect(inboxTarget(item, secretary)).toEqual(target);
  });

  it('leads a member to their own pages, never to secretary screens', () => {
    expect(inboxTarget(makeInboxItem({ subjectType: 'flow' }), member)).toEqual({ kind: 'route', route: Routes.home });
    expect(inboxTarget(makeInboxItem({ subjectType: 'activity' }), member)).toEqual({
      kind: 'route',
      route: Routes.memberCheckins,
    });
    expect(inboxTarget(makeInboxItem({ subjectType: 'responsibility', subjectId: 'r-2' }), member)).toEqual({
      kind: 'route',
      route: Routes.dutiesList,
      query: { itemId: 'r-2' },
    });
  });
});

describe(isPending.name, () => {
  it('counts unread notices and to-dos not done yet', () => {
    expect(isPending(makeInboxItem({ category: 'notice', readAt: null }))).toBe(true);
    expect(isPending(makeInboxItem({ category: 'notice', readAt: '2025-03-05T00:00:00Z' }))).toBe(false);
    expect(isPending(makeInboxItem({ category: 'todo', readAt: '2025-03-05T00:00:00Z', doneAt: null }))).toBe(true);
    expect(isPending(makeInboxItem({ category: 'todo', doneAt: '2025-03-05T00:00:00Z' }))).toBe(false);
  });
});
