import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, PairingRoutes, type MyPairedMember } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import MyPairedPage from './index';

function paired(overrides: Partial<MyPairedMember>): MyPairedMember {
  return {
    pairingId: 'p-1',
    memberId: 'm-1',
    memberName: '李建国',
    branchId: 'b-1',
    branchName: '东风村党支部',
    since: '2026-01-05T02:00:00Z',
    abroad: false,
    lastContactAt: null,
    nextDueOn: '2026-02-05',
    overdue: false,
    daysOverdue: 0,
    ...overrides,
  };
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['branch_committee'] }) })));
});

describe('MyPairedPage', () => {
  it('marks the overdue members and opens a member’s log', async () => {
    fakeApi((call) =>
      call.path === PairingRoutes.mine
        ? ok([
            paired({ overdue: true, daysOverdue: 12 }),
            paired({ pairingId: 'p-2', memberId: 'm-2', memberName: '王秀英', abroad: true, nextDueOn: '2026-07-01' }),
          ])
        : undefined,
    );
    render(<MyPairedPage />);
    expect(await screen.findByText('共 2 人，1 人联系已逾期')).toBeInTheDocument();
    expect(byId('mine-m-1-overdue')).toHaveTextContent('逾期 12 天');
    expect(byId('mine-m-1')).toHaveTextContent('结对以来还没有联系记录');
    expect(byId('mine-m-2')).toHaveTextContent('境外');
    expect(byId('mine-m-2')).toHaveTextContent('按时');
    expect(document.getElementById('mine-m-2-overdue')).toBeNull();
    fireEvent.click(byId('mine-m-1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.pairingMember}?memberId=m-1` });
  });

  it('says so when nobody is paired yet', async () => {
    fakeApi((call) => (call.path === PairingRoutes.mine ? ok([]) : undefined));
    render(<MyPairedPage />);
    expect(await screen.findByText('还没有结对联系的党员')).toBeInTheDocument();
  });

  it('shows the server’s reason when the list cannot be read', async () => {
    fakeApi((call) =>
      call.path === PairingRoutes.mine ? failure(ErrorCode.FORBIDDEN, '只有支部委员可以查看结对党员') : undefined,
    );
    render(<MyPairedPage />);
    expect(await screen.findByText('只有支部委员可以查看结对党员')).toBeInTheDocument();
  });
});
