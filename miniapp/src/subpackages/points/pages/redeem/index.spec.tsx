import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, PointsRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { makeBenefit, makeRedemption } from '../../../../../test/points-factories';
import { failure, ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import RedeemPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('RedeemPage', () => {
  it('redeems after one confirmation and points to the code', async () => {
    const charge = makeBenefit({ id: 'b-1', title: '免费手机充电', cost: 10 });
    const cake = makeBenefit({ id: 'b-2', title: '生日蛋糕', cost: 50 });
    fakeApi((call) => {
      if (call.path === PointsRoutes.myPoints) return ok({ memberId: 'm-1', balance: 12, pending: 0, validYears: 2 });
      if (call.path === PointsRoutes.catalogue) return ok([charge, cake]);
      if (call.method === 'POST' && call.path === '/api/points/benefits/b-1/redeem')
        return ok({ redemption: makeRedemption({ benefitTitle: '免费手机充电' }), balance: 2 }, 201);
      return undefined;
    });
    render(<RedeemPage />);

    expect(await screen.findByText('免费手机充电')).toBeInTheDocument();
    expect(byId('benefit-b-2-redeem')).toHaveTextContent('还差 38 分');
    fireEvent.click(byId('benefit-b-1-redeem'));
    expect(byId('redeem-confirm')).toHaveTextContent('将扣除 10 积分，兑换后剩余 2 分');
    expect(callsTo('POST', '/api/points/benefits/b-1/redeem')).toHaveLength(0);
    fireEvent.click(byId('redeem-confirm-confirm'));
    expect(await screen.findByText('已兑换“免费手机充电”，剩余 2 分')).toBeInTheDocument();
    expect(callsTo('POST', '/api/points/benefits/b-1/redeem')).toHaveLength(1);
  });

  it('keeps the sheet open with the reason when the last one was just taken', async () => {
    fakeApi((call) => {
      if (call.path === PointsRoutes.myPoints) return ok({ memberId: 'm-1', balance: 30, pending: 0, validYears: 2 });
      if (call.path === PointsRoutes.catalogue) return ok([makeBenefit({ id: 'b-1', stock: 1 })]);
      if (call.method === 'POST') return failure(ErrorCode.BENEFIT_OUT_OF_STOCK);
      return undefined;
    });
    render(<RedeemPage />);

    fireEvent.click(await screen.findByText('兑换'));
    fireEvent.click(byId('redeem-confirm-confirm'));
    await waitFor(() => expect(byId('redeem-confirm-error')).toHaveTextContent('这项权益已经兑完了'));
  });

  it('says when there is nothing to redeem', async () => {
    fakeApi((call) => {
      if (call.path === PointsRoutes.myPoints) return ok({ memberId: 'm-1', balance: 0, pending: 0, validYears: 2 });
      if (call.path === PointsRoutes.catalogue) return ok([]);
      return undefined;
    });
    render(<RedeemPage />);
    expect(await screen.findByText('暂时没有可兑换的权益')).toBeInTheDocument();
  });
});
