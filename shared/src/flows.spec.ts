import {
  availableFlowActions,
  decideFlowAction,
  FLOW_ACTIONS,
  FLOW_STATUSES,
  OPEN_FLOW_STATUSES,
  type FlowActor,
  type FlowStatus,
} from './flows.js';

describe('decideFlowAction', () => {
  it.each([
    [null, 'report', 'member', 'reported'],
    ['reported', 'approve', 'sending', 'approved'],
    ['reported', 'decline', 'sending', 'declined'],
    ['reported', 'withdraw', 'member', 'withdrawn'],
    ['approved', 'arrive', 'member', 'arrived'],
    [null, 'arrive', 'member', 'arrived'],
    [null, 'arrive', 'receiving', 'arrived'],
    ['approved', 'arrive', 'receiving', 'arrived'],
    ['arrived', 'confirm_arrival', 'receiving', 'active'],
    [null, 'register_found', 'receiving', 'found'],
    ['found', 'confirm_found', 'sending', 'active'],
    ['found', 'reject_found', 'sending', 'declined'],
    ['active', 'return', 'member', 'returned'],
    ['active', 'return', 'sending', 'returned'],
    ['active', 'transfer', 'sending', 'transferred'],
    ['active', 'mark_lost', 'sending', 'lost_contact'],
    ['lost_contact', 'restore', 'sending', 'approved'],
    ['reported', 'request_changes', 'sending', 'changes_requested'],
    ['changes_requested', 'resubmit', 'member', 'reported'],
    ['changes_requested', 'resubmit', 'sending', 'reported'],
    ['changes_requested', 'withdraw', 'member', 'withdrawn'],
    ['changes_requested', 'decline', 'sending', 'declined'],
  ] as const)('from %s, %s by %s leads to %s', (from, action, actor, to) => {
    expect(decideFlowAction(from, action, actor)).toEqual({ ok: true, to });
  });

  it.each([
    ['reported', 'approve', 'member'],
    ['reported', 'approve', 'receiving'],
    ['arrived', 'confirm_arrival', 'sending'],
    ['arrived', 'confirm_arrival', 'member'],
    ['found', 'confirm_found', 'receiving'],
    ['active', 'transfer', 'receiving'],
    ['active', 'mark_lost', 'receiving'],
    ['approved', 'arrive', 'sending'],
    ['reported', 'request_changes', 'member'],
    ['reported', 'request_changes', 'receiving'],
    ['changes_requested', 'resubmit', 'receiving'],
  ] as const)('refuses %s → %s by %s as the wrong actor', (from, action, actor) => {
    expect(decideFlowAction(from, action, actor)).toMatchObject({ ok: false, reason: 'wrong_actor' });
  });

  it.each([
    ['approved', 'approve', 'sending'],
    ['returned', 'return', 'sending'],
    ['transferred', 'mark_lost', 'sending'],
    ['active', 'arrive', 'member'],
    ['reported', 'confirm_arrival', 'receiving'],
    ['declined', 'approve', 'sending'],
    [null, 'approve', 'sending'],
    ['changes_requested', 'approve', 'sending'],
    ['changes_requested', 'request_changes', 'sending'],
    ['reported', 'resubmit', 'member'],
    ['approved', 'request_changes', 'sending'],
  ] as const)('refuses %s → %s by %s as the wrong state', (from, action, actor) => {
    expect(decideFlowAction(from, action, actor)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });

  it('keeps a report sent back for changes open, so no second report can be filed meanwhile', () => {
    expect(OPEN_FLOW_STATUSES.has('changes_requested')).toBe(true);
    expect(availableFlowActions('changes_requested', 'member')).toEqual(['withdraw', 'resubmit']);
    expect(availableFlowActions('reported', 'sending')).toEqual(['approve', 'decline', 'request_changes']);
  });

  it('has no way out of a closed episode', () => {
    const closed: FlowStatus[] = ['returned', 'transferred', 'declined', 'withdrawn'];
    const actors: FlowActor[] = ['member', 'sending', 'receiving'];
    for (const from of closed) for (const actor of actors) expect(availableFlowActions(from, actor)).toEqual([]);
  });

  it('gives every status and action a rule check without throwing', () => {
    for (const from of [null, ...FLOW_STATUSES])
      for (const action of FLOW_ACTIONS) expect(() => decideFlowAction(from, action, 'sending')).not.toThrow();
  });
});
