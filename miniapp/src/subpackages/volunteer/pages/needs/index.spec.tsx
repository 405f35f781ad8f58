import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeNeed, page } from '../../test-factories';
import NeedsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['community_staff'] }) })));
});

describe('NeedsPage', () => {
  it('lists the org’s needs with their sign-ups, and opens one', async () => {
    setRouterParams({ orgId: 'c1' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/c1') return ok({ id: 'c1', name: '七宝社区' });
      if (call.path === '/api/volunteer/needs')
        return ok(page([makeNeed({ id: 'n1', canManage: true, status: 'full', signedUp: 2 })]));
      return undefined;
    });
    render(<NeedsPage />);

    expect(await screen.findByText('老旧小区水管检修')).toBeInTheDocument();
    expect(byId('needs-need-n1-status')).toHaveTextContent('已满员');
    expect(callsTo('GET', '/api/volunteer/needs')[0].query).toEqual({ orgId: 'c1' });
    fireEvent.click(byId('needs-need-n1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerNeed}?id=n1` });
    fireEvent.click(byId('needs-new'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerNeedNew}?orgId=c1` });
  });

  it('says when none was posted yet', async () => {
    fakeApi((call) => (call.path === '/api/orgs' ? ok([{ id: 'c1', name: '七宝社区' }]) : ok(page([]))));
    render(<NeedsPage />);
    expect(await screen.findByText('还没有发布过服务需求')).toBeInTheDocument();
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === '/api/orgs') return ok([{ id: 'c1', name: '七宝社区' }]);
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(page([]));
    });
    render(<NeedsPage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('needs-error-retry'));
    expect(await screen.findByText('还没有发布过服务需求')).toBeInTheDocument();
  });
});
