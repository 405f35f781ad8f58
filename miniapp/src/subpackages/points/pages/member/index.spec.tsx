import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { makeEntry } from '../../../../../test/points-factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import MemberPointsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ memberId: 'm-1' });
});

describe('MemberPointsPage', () => {
  it('awards points with a reason and reloads the ledger', async () => {
    let balance = 2;
    fakeApi((call) => {
      if (call.path === '/api/members/m-1/points') return ok({ memberId: 'm-1', balance, pending: 0, validYears: 2 });
      if (call.path === '/api/members/m-1/points/entries') return ok({ items: [makeEntry({ id: 'e-1' })] });
      if (call.method === 'POST' && call.path === '/api/members/m-1/points/awards') {
        balance = 12;
        return ok(makeEntry({ source: 'manual', amount: 10, reason: '返乡座谈会建言' }), 201);
      }
      return undefined;
    });
    render(<MemberPointsPage />);

    expect(await screen.findByText('2')).toBeInTheDocument();
    await typeInto('award-amount', '10');
    await typeInto('award-reason', '返乡座谈会建言');
    fireEvent.click(byId('award-submit'));
    await waitFor(() => expect(byId('member-points-balance')).toHaveTextContent('12'));
    expect(callsTo('POST', '/api/members/m-1/points/awards')[0].data).toEqual({ amount: 10, reason: '返乡座谈会建言' });
  });

  it('checks the amount and reason before sending, and shows the server’s refusal', async () => {
    fakeApi((call) => {
      if (call.path === '/api/members/m-1/points')
        return ok({ memberId: 'm-1', balance: 1, pending: 0, validYears: 2 });
      if (call.path === '/api/members/m-1/points/entries') return ok({ items: [] });
      if (call.method === 'POST') return failure(ErrorCode.POINTS_INSUFFICIENT);
      return undefined;
    });
    render(<MemberPointsPage />);
    await screen.findByText('还没有积分记录');
    await typeInto('award-amount', '0');
    fireEvent.click(byId('award-submit'));
    expect(byId('award-error')).toHaveTextContent('积分请填写 1 至 1000 的整数');
    await typeInto('award-amount', '-5');
    fireEvent.click(byId('award-submit'));
    expect(byId('award-error')).toHaveTextContent('请写明原因');
    await typeInto('award-reason', '扣减');
    fireEvent.click(byId('award-submit'));
    await waitFor(() => expect(byId('award-error')).toHaveTextContent('积分不足'));
  });

  it('corrects a posted entry after confirmation; a reversal itself offers no correction', async () => {
    const earned = makeEntry({ id: 'e-1', amount: 6, source: 'manual', reason: '误登记' });
    const reversal = makeEntry({ id: 'e-2', amount: -6, source: 'reversal', reversesEntryId: 'e-1', reason: '更正' });
    fakeApi((call) => {
      if (call.path === '/api/members/m-1/points')
        return ok({ memberId: 'm-1', balance: 6, pending: 0, validYears: 2 });
      if (call.path === '/api/members/m-1/points/entries') return ok({ items: [earned, reversal] });
      if (call.path === '/api/points/entries/e-1/reverse') return ok(reversal);
      return undefined;
    });
    render(<MemberPointsPage />);
    fireEvent.click(await screen.findByText('更正（撤销这条）'));
    expect(document.getElementById('entry-e-2-reverse')).toBeNull();
    fireEvent.click(byId('reverse-confirm-confirm'));
    await waitFor(() => expect(callsTo('POST', '/api/points/entries/e-1/reverse')).toHaveLength(1));
  });
});
