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
    [
      'an overdue contact',
      makeInboxItem({ category: 'todo', kind: 'pairing.contact_due', subjectType: 'member', subjectId: 'm-3' }),
      { kind: 'route', route: Routes.pairingMember, query: { memberId: 'm-3' } },
    ],
    [
      'a lost-contact proposal',
      makeInboxItem({ category: 'todo', kind: 'pairing.lost_proposed', subjectType: 'member', subjectId: 'm-4' }),
      { kind: 'route', route: Routes.pairingLost },
    ],
    [
      'feedback due',
      makeInboxItem({ category: 'todo', kind: 'feedback.due', subjectType: 'feedback', subjectId: 'fb-1' }),
      { kind: 'route', route: Routes.feedbackDue },
    ],
    [
      'feedback received',
      makeInboxItem({ category: 'todo', kind: 'feedback.received', subjectType: 'feedback', subjectId: 'fb-2' }),
      { kind: 'route', route: Routes.feedbackReceived },
    ],
    [
      'a volunteer sign-up',
      makeInboxItem({ kind: 'volunteer.signup', subjectType: 'volunteer_need', subjectId: 'n-1' }),
      { kind: 'route', route: Routes.volunteerNeed, query: { id: 'n-1' } },
    ],
  ])('leads a secretary from %s to the right screen', (_name, item, target) => {
    expect(inboxTarget(item, secretary)).toEqual(target);
  });

  it.each([
    [
      'changes asked to a report',
      { kind: 'flow.changes_requested', subjectType: 'flow' },
      { kind: 'route', route: Routes.memberReport },
    ],
    [
      'an approved report',
      { kind: 'flow.approved', subjectType: 'flow', subjectId: 'f-5' },
      { kind: 'route', route: Routes.memberCertificate, query: { flowId: 'f-5' } },
    ],
    [
      'an evaluation result',
      { kind: 'evaluation.result', subjectType: 'evaluation_round' },
      { kind: 'route', route: Routes.myEvaluation },
    ],
    [
      'a request to my card',
      { kind: 'volunteer.request', subjectType: 'volunteer_request' },
      { kind: 'route', route: Routes.volunteerRequests },
    ],
    [
      'a decided request I sent',
      { kind: 'volunteer.request_decided', subjectType: 'volunteer_request' },
      { kind: 'route', route: Routes.volunteerSent },
    ],
    [
      'an invitation to a need',
      { kind: 'volunteer.invite', subjectType: 'volunteer_need', subjectId: 'n-2' },
      { kind: 'route', route: Routes.volunteerNeed, query: { id: 'n-2' } },
    ],
    [
      'a confirmed service',
      { kind: 'volunteer.confirmed', subjectType: 'volunteer_service' },
      { kind: 'route', route: Routes.volunteerServices },
    ],
  ] as const)('leads a member from %s to their own screen', (_name, fields, target) => {
    expect(inboxTarget(makeInboxItem({ ...fields }), member)).toEqual(target);
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
