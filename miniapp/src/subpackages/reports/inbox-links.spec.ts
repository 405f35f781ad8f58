import { Role } from '@pioneer/shared';
import { makeInboxItem } from '../../../test/activity-factories';
import { makeAccount, makeStaffAccount } from '../../../test/factories';
import { Routes } from '../../routes';
import { inboxTarget } from '../inbox/inbox-subject';

const secretary = makeStaffAccount();
const member = makeAccount({ roles: [Role.MEMBER] });

describe('inbox items about reports and suggestions', () => {
  it.each([
    [
      'a reminder to write a report',
      member,
      makeInboxItem({ category: 'todo', kind: 'report.due', subjectType: 'member_report', subjectId: 'r-1' }),
      { kind: 'route', route: Routes.reportsWrite, query: { id: 'r-1' } },
    ],
    [
      'a reply to the member’s report',
      member,
      makeInboxItem({ kind: 'report.replied', subjectType: 'member_report', subjectId: 'r-1' }),
      { kind: 'route', route: Routes.reportsWrite, query: { id: 'r-1' } },
    ],
    [
      'a report to read',
      secretary,
      makeInboxItem({ category: 'todo', kind: 'report.submitted', subjectType: 'member_report', subjectId: 'r-2' }),
      { kind: 'route', route: Routes.reportsRead, query: { id: 'r-2' } },
    ],
    [
      'a suggestion’s new status',
      member,
      makeInboxItem({ kind: 'suggestion.updated', subjectType: 'suggestion', subjectId: 's-1' }),
      { kind: 'route', route: Routes.reportsSuggestion, query: { id: 's-1', side: 'member' } },
    ],
    [
      'a suggestion to answer',
      secretary,
      makeInboxItem({ category: 'todo', kind: 'suggestion.received', subjectType: 'suggestion', subjectId: 's-2' }),
      { kind: 'route', route: Routes.reportsSuggestion, query: { id: 's-2', side: 'home' } },
    ],
  ])('opens %s where it is acted on', (_what, account, item, target) => {
    expect(inboxTarget(item, account)).toEqual(target);
  });
});
