import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PairingRoutes, type LostProposalView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import LostProposalsPage from './index';

function proposal(id: string, name: string): LostProposalView {
  return {
    id,
    memberId: `m-${id}`,
    memberName: name,
    branchId: 'b-1',
    branchName: '东风村党支部',
    flowId: `f-${id}`,
    status: 'open',
    lastSeenAt: null,
    silentDays: 104,
    failedAttempts: 2,
    proposedAt: '2026-05-01T19:00:00Z',
    decidedAt: null,
  };
}

const confirmPath = pathOf(PairingRoutes.confirmLost, { id: 'l-1' });
const dismissPath = pathOf(PairingRoutes.dismissLost, { id: 'l-2' });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['branch_secretary'] }) })));
});

describe('LostProposalsPage', () => {
  it('confirms one proposal and dismisses another only with a reason', async () => {
    fakeApi((call) => {
      if (call.path === PairingRoutes.lostProposals)
        return ok({ items: [proposal('l-1', '赵四'), proposal('l-2', '钱五')] });
      if (call.path === confirmPath) return ok({ ...proposal('l-1', '赵四'), status: 'confirmed' });
      if (call.path === dismissPath) return ok({ ...proposal('l-2', '钱五'), status: 'dismissed' });
      return undefined;
    });
    render(<LostProposalsPage />);
    expect(await screen.findByText('赵四')).toBeInTheDocument();
    expect(byId('lost-l-1')).toHaveTextContent('104 天无音讯');
    expect(byId('lost-l-1')).toHaveTextContent('外出以来没有联系、签到或学习记录');
    expect(byId('lost-l-1')).toHaveTextContent('此后联系未果 2 次');

    fireEvent.click(byId('lost-l-1-confirm'));
    fireEvent.click(byId('lost-confirm-sheet-confirm'));
    await waitFor(() => expect(document.getElementById('lost-l-1')).toBeNull());
    expect(callsTo('POST', confirmPath)[0].data).toEqual({});

    fireEvent.click(byId('lost-l-2-dismiss'));
    fireEvent.click(byId('lost-dismiss-submit'));
    expect(byId('lost-dismiss-problem')).toHaveTextContent('请说明排除的理由');
    expect(callsTo('POST', dismissPath)).toHaveLength(0);
    await typeInto('lost-dismiss-reason', '已通过家属联系上');
    fireEvent.click(byId('lost-dismiss-submit'));
    await waitFor(() => expect(callsTo('POST', dismissPath)).toHaveLength(1));
    expect(callsTo('POST', dismissPath)[0].data).toEqual({ reason: '已通过家属联系上' });
    expect(await screen.findByText('没有疑似失联的党员')).toBeInTheDocument();
  });
});
