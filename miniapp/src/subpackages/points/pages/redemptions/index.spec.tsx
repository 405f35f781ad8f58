import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PointsRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { makeRedemption } from '../../../../../test/points-factories';
import { ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import MyRedemptionsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('MyRedemptionsPage', () => {
  it('shows an unfulfilled redemption as a QR code of its code, and a fulfilled one without', async () => {
    const open = makeRedemption({ id: 'r-1', code: 'ABCDEFGHJKMN' });
    const used = makeRedemption({ id: 'r-2', status: 'fulfilled', fulfilledAt: '2026-03-07T02:00:00.000Z' });
    fakeApi((call) => (call.path === PointsRoutes.myRedemptions ? ok({ items: [open, used] }) : undefined));
    render(<MyRedemptionsPage />);

    expect(await screen.findByText('ABCD-EFGH-JKMN')).toBeInTheDocument();
    expect(byId('redemption-r-1-qr')).toHaveAttribute('data-qr-text', 'ABCDEFGHJKMN');
    expect(byId('redemption-r-1')).toHaveTextContent('待核销');
    expect(byId('redemption-r-2')).toHaveTextContent('已核销');
    expect(document.getElementById('redemption-r-2-qr')).toBeNull();
  });

  it('cancels after confirmation and shows the redemption as cancelled', async () => {
    fakeApi((call) => {
      if (call.path === PointsRoutes.myRedemptions) return ok({ items: [makeRedemption({ id: 'r-1' })] });
      if (call.method === 'POST' && call.path === '/api/redemptions/r-1/cancel')
        return ok(makeRedemption({ id: 'r-1', status: 'cancelled', cancelledAt: '2026-03-07T02:00:00.000Z' }));
      return undefined;
    });
    render(<MyRedemptionsPage />);

    fireEvent.click(await screen.findByText('取消兑换'));
    fireEvent.click(byId('redemption-cancel-confirm'));
    await waitFor(() => expect(byId('redemption-r-1')).toHaveTextContent('已取消'));
    expect(callsTo('POST', '/api/redemptions/r-1/cancel')).toHaveLength(1);
    expect(document.getElementById('redemption-r-1-qr')).toBeNull();
  });

  it('says when nothing was redeemed yet', async () => {
    fakeApi((call) => (call.path === PointsRoutes.myRedemptions ? ok({ items: [] }) : undefined));
    render(<MyRedemptionsPage />);
    expect(await screen.findByText('还没有兑换过权益')).toBeInTheDocument();
  });
});
