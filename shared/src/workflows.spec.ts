import { FLOW_STATUSES, type FlowActor } from './flows.js';
import { decideHomeStay, HOME_STAY_RULE } from './workflows.js';

describe('decideHomeStay', () => {
  it.each([
    ['approved', 'member'],
    ['arrived', 'member'],
    ['active', 'sending'],
  ] as const)('lets a holiday stay be recorded on a %s flow by the %s side', (status, actor) => {
    expect(decideHomeStay(status, actor)).toEqual({ ok: true });
  });

  it('refuses the receiving side whatever the state', () => {
    for (const status of FLOW_STATUSES)
      expect(decideHomeStay(status, 'receiving')).toEqual({ ok: false, reason: 'wrong_actor' });
  });

  it('refuses every state in which the member is not away', () => {
    const actors: FlowActor[] = ['member', 'sending'];
    for (const status of FLOW_STATUSES.filter((s) => !HOME_STAY_RULE.from.includes(s)))
      for (const actor of actors) expect(decideHomeStay(status, actor)).toEqual({ ok: false, reason: 'wrong_state' });
  });
});
