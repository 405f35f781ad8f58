import { act, fireEvent, render, screen } from '@testing-library/react';
import { AuthRoutes, FlowRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../test/api';
import { makeAccount, makeFlowListItem, makeSession } from '../../../test/factories';
import { ok } from '../../../test/responses';
import { taroMock } from '../../../test/taro-mock';
import { byId } from '../../../test/ui';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import HomePage from './index';

function logInBound(memberId: string | null = 'm-1') {
  const account = makeAccount({ displayName: '王师傅', memberId });
  act(() => sessionStore.set(makeSession({ account })));
  return account;
}

beforeEach(() => {
  sessionStore.clear();
});

describe('HomePage: 我的流动', () => {
  it('shows the status of the member’s current flow', async () => {
    const account = logInBound();
    fakeApi((call) => {
      if (call.path === AuthRoutes.me) return ok(account);
      if (call.path === FlowRoutes.list)
        return ok({
          items: [
            makeFlowListItem({ side: 'self', status: 'returned', updatedAt: '2024-12-01T00:00:00Z' }),
            makeFlowListItem({ side: 'self', status: 'approved', updatedAt: '2025-03-01T00:00:00Z' }),
          ],
        });
      return undefined;
    });
    render(<HomePage />);

    expect(await screen.findByText('已批准外出，尚未报到')).toBeInTheDocument();
    expect(byId('my-flow-card')).toHaveTextContent('到达后，请扫当地党组织的报到码报到');
    expect(document.getElementById('my-flow-report')).toBeNull();
    expect(callsTo('GET', FlowRoutes.list)).toHaveLength(1);
    // Away and approved: the certificate and 返乡登记 are a tap away; the duties come with dual management.
    expect(byId('my-flow-certificate')).toHaveTextContent('流动党员活动证');
    expect(byId('my-flow-return')).toHaveTextContent('返乡登记');
    expect(document.getElementById('my-flow-duties')).toBeNull();
  });

  it('links an active member to their duties, certificate and return', async () => {
    const account = logInBound();
    fakeApi((call) => {
      if (call.path === AuthRoutes.me) return ok(account);
      if (call.path === FlowRoutes.list)
        return ok({ items: [makeFlowListItem({ id: 'f-7', side: 'self', status: 'active' })] });
      return undefined;
    });
    render(<HomePage />);

    fireEvent.click(await screen.findByText('我的责任清单'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.dutiesList}?flowId=f-7` });
    fireEvent.click(byId('my-flow-certificate'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.memberCertificate}?flowId=f-7` });
    fireEvent.click(byId('my-flow-return'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.memberReturn}?flowId=f-7` });
  });

  it('offers 报告外出 when there is no current flow', async () => {
    const account = logInBound();
    fakeApi((call) => {
      if (call.path === AuthRoutes.me) return ok(account);
      if (call.path === FlowRoutes.list) return ok({ items: [makeFlowListItem({ side: 'self', status: 'returned' })] });
      return undefined;
    });
    render(<HomePage />);

    fireEvent.click(await screen.findByText('报告外出'));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.memberReport });
  });

  it('sends a member who is not bound yet to 我的 instead of asking the server', async () => {
    const account = logInBound(null);
    fakeApi((call) => (call.path === AuthRoutes.me ? ok(account) : undefined));
    render(<HomePage />);

    fireEvent.click(await screen.findByText('去绑定党员档案'));

    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.me });
    expect(callsTo('GET', FlowRoutes.list)).toHaveLength(0);
  });

  it('offers a retry when the flow cannot be loaded', async () => {
    const account = logInBound();
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === AuthRoutes.me) return ok(account);
      if (call.path !== FlowRoutes.list) return undefined;
      attempts += 1;
      return attempts === 1 ? ok(null, 403) : ok({ items: [] });
    });
    render(<HomePage />);

    fireEvent.click(await screen.findByText('重试'));

    expect(await screen.findByText('报告外出')).toBeInTheDocument();
  });
});
