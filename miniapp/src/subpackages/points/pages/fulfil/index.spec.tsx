import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, PointsRoutes, type StaffRedemptionView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import FulfilPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['community_staff'] }) })));
});

const view = (overrides: Partial<StaffRedemptionView> = {}): StaffRedemptionView => ({
  id: 'r-1',
  benefitId: 'b-1',
  benefitTitle: '免费手机充电',
  provider: '东风村党群服务站',
  cost: 10,
  status: 'issued',
  memberName: '张*国',
  createdAt: '2026-03-06T02:00:00.000Z',
  fulfilledAt: null,
  cancelledAt: null,
  ...overrides,
});

describe('FulfilPage', () => {
  it('looks up a typed code, shows what it is for, and fulfils it once', async () => {
    fakeApi((call) => {
      if (call.path === PointsRoutes.lookupRedemption) return ok(view());
      if (call.path === PointsRoutes.fulfil)
        return ok(view({ status: 'fulfilled', fulfilledAt: '2026-03-07T02:00:00.000Z' }));
      return undefined;
    });
    render(<FulfilPage />);

    await typeInto('fulfil-code', 'abcd-efgh-jkmn');
    fireEvent.click(byId('fulfil-lookup'));
    expect(await screen.findByText('免费手机充电')).toBeInTheDocument();
    expect(byId('fulfil-found')).toHaveTextContent('张*国');
    expect(callsTo('POST', PointsRoutes.lookupRedemption)[0].data).toEqual({ code: 'ABCDEFGHJKMN' });
    fireEvent.click(byId('fulfil-confirm'));
    expect(await screen.findByText('已核销：免费手机充电（张*国）')).toBeInTheDocument();
    expect(callsTo('POST', PointsRoutes.fulfil)[0].data).toEqual({ code: 'ABCDEFGHJKMN' });
  });

  it('refuses what cannot be a code without asking the server', async () => {
    fakeApi(() => undefined);
    render(<FulfilPage />);
    await typeInto('fulfil-code', '123');
    fireEvent.click(byId('fulfil-lookup'));
    expect(byId('fulfil-error')).toHaveTextContent('兑换码是 12 位字母和数字');
    expect(callsTo('POST', PointsRoutes.lookupRedemption)).toHaveLength(0);
  });

  it('shows the server’s reason for an unknown or already fulfilled code', async () => {
    fakeApi((call) =>
      call.path === PointsRoutes.lookupRedemption ? failure(ErrorCode.REDEMPTION_CODE_INVALID) : undefined,
    );
    render(<FulfilPage />);
    await typeInto('fulfil-code', 'ZZZZ-ZZZZ-ZZZZ');
    fireEvent.click(byId('fulfil-lookup'));
    await waitFor(() => expect(byId('fulfil-error')).toHaveTextContent('兑换码无效，请核对后重试'));
  });

  it('says a fulfilled code was already used instead of offering to fulfil it', async () => {
    fakeApi((call) => (call.path === PointsRoutes.lookupRedemption ? ok(view({ status: 'fulfilled' })) : undefined));
    render(<FulfilPage />);
    await typeInto('fulfil-code', 'ABCD-EFGH-JKMN');
    fireEvent.click(byId('fulfil-lookup'));
    expect(await screen.findByText('这个兑换码已经核销过了')).toBeInTheDocument();
    expect(document.getElementById('fulfil-confirm')).toBeNull();
  });
});
