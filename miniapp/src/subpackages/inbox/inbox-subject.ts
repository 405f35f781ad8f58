import type { AccountView, InboxItem } from '@pioneer/shared';
import { isStaff } from '../../stores/session';
import { Routes, type Route } from '../../routes';

/** Where tapping an inbox item leads. `flowPerson` needs the flow fetched to find its member. */
export type InboxTarget =
  | { kind: 'route'; route: Route; query?: Record<string, string> }
  | { kind: 'flowPerson'; flowId: string }
  | { kind: 'none' };

/** The screen an item is about: to-dos still open go where they are acted on, the rest to the subject. */
export function inboxTarget(item: InboxItem, account: AccountView): InboxTarget {
  if (!isStaff(account)) {
    // A member's notices are about their own flow or check-ins, which their home page shows.
    if (item.subjectType === 'activity') return { kind: 'route', route: Routes.memberCheckins };
    if (item.subjectType === 'responsibility')
      return { kind: 'route', route: Routes.dutiesList, query: { itemId: item.subjectId } };
    if (item.subjectType === 'member_report')
      return { kind: 'route', route: Routes.reportsWrite, query: { id: item.subjectId } };
    if (item.subjectType === 'suggestion')
      return { kind: 'route', route: Routes.reportsSuggestion, query: { id: item.subjectId, side: 'member' } };
    if (item.kind === 'flow.changes_requested') return { kind: 'route', route: Routes.memberReport };
    if (item.kind === 'flow.approved')
      return { kind: 'route', route: Routes.memberCertificate, query: { flowId: item.subjectId } };
    if (item.subjectType === 'evaluation_round') return { kind: 'route', route: Routes.myEvaluation };
    if (item.subjectType === 'volunteer_request')
      // The member decides requests to their cards; a resident follows the ones they sent.
      return {
        kind: 'route',
        route: item.kind === 'volunteer.request' ? Routes.volunteerRequests : Routes.volunteerSent,
      };
    if (item.subjectType === 'volunteer_need')
      return { kind: 'route', route: Routes.volunteerNeed, query: { id: item.subjectId } };
    if (item.subjectType === 'volunteer_service') return { kind: 'route', route: Routes.volunteerServices };
    return { kind: 'route', route: Routes.home };
  }
  switch (item.kind) {
    case 'pairing.contact_due':
      return { kind: 'route', route: Routes.pairingMember, query: { memberId: item.subjectId } };
    case 'pairing.lost_proposed':
      return { kind: 'route', route: Routes.pairingLost };
    case 'feedback.due':
      return { kind: 'route', route: Routes.feedbackDue };
    case 'feedback.received':
      return { kind: 'route', route: Routes.feedbackReceived };
    default:
      break;
  }
  switch (item.subjectType) {
    case 'activity':
      return { kind: 'route', route: Routes.secretaryActivity, query: { id: item.subjectId } };
    case 'member':
      return { kind: 'route', route: Routes.secretaryPerson, query: { id: item.subjectId } };
    case 'responsibility':
      return { kind: 'route', route: Routes.dutiesList, query: { itemId: item.subjectId } };
    case 'flow':
      return item.category === 'todo' && !item.doneAt
        ? { kind: 'route', route: Routes.secretaryPending }
        : { kind: 'flowPerson', flowId: item.subjectId };
    case 'member_report':
      return { kind: 'route', route: Routes.reportsRead, query: { id: item.subjectId } };
    case 'suggestion':
      return { kind: 'route', route: Routes.reportsSuggestion, query: { id: item.subjectId, side: 'home' } };
    case 'evaluation_round':
      return { kind: 'route', route: Routes.evaluationRound, query: { id: item.subjectId } };
    case 'volunteer_need':
      return { kind: 'route', route: Routes.volunteerNeed, query: { id: item.subjectId } };
    case 'volunteer_request':
      return { kind: 'route', route: Routes.volunteerSent };
    case 'volunteer_service':
      return { kind: 'route', route: Routes.volunteerService, query: { id: item.subjectId } };
    default:
      return { kind: 'none' };
  }
}

/** Unread notices and open to-dos are the ones to look at. */
export function isPending(item: InboxItem): boolean {
  return item.category === 'todo' ? item.doneAt === null : item.readAt === null;
}
