import { makeFlowListItem } from '../../test/factories';
import { currentOwnFlow } from './flows';

describe(currentOwnFlow.name, () => {
  it('picks the newest of the member’s own flows that has not ended', () => {
    const older = makeFlowListItem({ side: 'self', status: 'lost_contact', updatedAt: '2025-01-01T00:00:00Z' });
    const newer = makeFlowListItem({ side: 'self', status: 'active', updatedAt: '2025-02-01T00:00:00Z' });
    const ended = makeFlowListItem({ side: 'self', status: 'returned', updatedAt: '2025-03-01T00:00:00Z' });

    expect(currentOwnFlow([older, ended, newer])).toBe(newer);
  });

  it('ignores flows seen as a branch and ended flows', () => {
    expect(
      currentOwnFlow([
        makeFlowListItem({ side: 'sending', status: 'active' }),
        makeFlowListItem({ side: 'self', status: 'declined' }),
        makeFlowListItem({ side: 'self', status: 'withdrawn' }),
      ]),
    ).toBeNull();
  });
});
