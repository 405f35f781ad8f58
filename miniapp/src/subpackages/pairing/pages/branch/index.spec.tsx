import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OrgRoutes, PairingRoutes, type BranchPairingRow } from '@pioneer/shared';
import { makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import PairingBranchPage from './index';

const membersPath = pathOf(PairingRoutes.branchMembers, { branchId: 'b-1' });
const committeePath = pathOf(PairingRoutes.branchCommittee, { branchId: 'b-1' });

const rows: BranchPairingRow[] = [
  { memberId: 'm-1', memberName: '李建国', away: true, pairing: null },
  { memberId: 'm-2', memberName: '王秀英', away: false, pairing: null },
];

beforeEach(() => {
  sessionStore.clear();
  setRouterParams({});
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['branch_secretary'] }) })));
});

describe('PairingBranchPage', () => {
  it('pairs the chosen members with the chosen committee member', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('b-1', '东风村党支部', 'branch')]);
      if (call.path === committeePath)
        return ok([{ accountId: 'a-1', displayName: '张支委', role: 'branch_committee', pairedCount: 0 }]);
      if (call.path === membersPath) return ok({ items: rows });
      if (call.path === PairingRoutes.pair) return ok([]);
      return undefined;
    });
    render(<PairingBranchPage />);
    expect(await screen.findByText('李建国')).toBeInTheDocument();
    expect(byId('member-m-1')).toHaveTextContent('外出');
    expect(byId('member-m-1')).toHaveTextContent('未结对');

    fireEvent.click(byId('member-m-1'));
    fireEvent.click(byId('branch-pair'));
    expect(byId('branch-problem')).toHaveTextContent('请先选择结对的支委委员');

    fireEvent.click(byId('committee-a-1'));
    fireEvent.click(byId('member-m-2'));
    expect(byId('branch-pair')).toHaveTextContent('安排结对（2 人）');
    fireEvent.click(byId('branch-pair'));
    await waitFor(() => expect(callsTo('POST', PairingRoutes.pair)).toHaveLength(1));
    expect(callsTo('POST', PairingRoutes.pair)[0].data).toEqual({
      committeeAccountId: 'a-1',
      memberIds: ['m-1', 'm-2'],
    });
    await waitFor(() => expect(callsTo('GET', membersPath).length).toBeGreaterThanOrEqual(2));
  });

  it('says so when the account has no branch', async () => {
    fakeApi((call) => (call.path === OrgRoutes.list ? ok([makeOrg('t-1', '五里源乡党委', 'township')]) : undefined));
    render(<PairingBranchPage />);
    expect(await screen.findByText('您的账号没有所在党支部')).toBeInTheDocument();
  });
});
