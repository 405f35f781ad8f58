import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeRequest, page } from '../../test-factories';
import ReceivedRequestsPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('ReceivedRequestsPage', () => {
  it('shows what is asked and where, and accepts with a busy button', async () => {
    let answer: () => void = () => undefined;
    fakeApi((call) => {
      if (call.path === '/api/volunteer/requests/received') return ok(page([makeRequest({ id: 'r1' })]));
      if (call.method === 'POST' && call.path === '/api/volunteer/requests/r1/accept')
        return new Promise((resolve) => {
          answer = () => resolve(ok(makeRequest({ id: 'r1', status: 'accepted', serviceId: 's1' })));
        });
      return undefined;
    });
    render(<ReceivedRequestsPage />);

    expect(await screen.findByText('厨房水管漏水，想请师傅帮忙看看')).toBeInTheDocument();
    expect(byId('request-r1')).toHaveTextContent('地点：七宝社区 5 号楼 302');
    expect(byId('request-r1')).toHaveTextContent('希望时间：周六上午');
    expect(byId('request-r1-status')).toHaveTextContent('等待回复');
    fireEvent.click(byId('request-accept-r1'));
    await waitFor(() => expect(byId('request-accept-r1')).toHaveTextContent('正在接受…'));
    expect(byId('request-decline-r1')).toHaveAttribute('disabled');
    act(() => answer());
    await waitFor(() => expect(byId('request-r1-status')).toHaveTextContent('已接受'));
    expect(document.getElementById('request-accept-r1')).toBeNull();
    fireEvent.click(byId('request-service-r1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerServices });
  });

  it('declines with an optional reason', async () => {
    fakeApi((call) => {
      if (call.method === 'GET') return ok(page([makeRequest({ id: 'r1' })]));
      return ok(makeRequest({ id: 'r1', status: 'declined', declineReason: '这几天在外地' }));
    });
    render(<ReceivedRequestsPage />);
    fireEvent.click(await screen.findByText('婉拒'));
    await typeInto('request-decline-reason-r1', ' 这几天在外地 ');
    fireEvent.click(byId('request-decline-confirm-r1'));
    await waitFor(() => expect(byId('request-r1-status')).toHaveTextContent('已婉拒'));
    expect(callsTo('POST', '/api/volunteer/requests/r1/decline')[0].data).toEqual({ reason: '这几天在外地' });
    expect(byId('request-r1')).toHaveTextContent('婉拒原因：这几天在外地');
  });

  it('shows why a decision was refused, on the request', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok(page([makeRequest({ id: 'r1' })])) : failure(ErrorCode.VOLUNTEER_REQUEST_STATE),
    );
    render(<ReceivedRequestsPage />);
    fireEvent.click(await screen.findByText('接受'));
    await waitFor(() => expect(byId('request-r1-problem')).not.toBeEmptyDOMElement());
    expect(byId('request-r1-status')).toHaveTextContent('等待回复');
  });

  it('says when nothing was asked yet', async () => {
    fakeApi(() => ok(page([])));
    render(<ReceivedRequestsPage />);
    expect(await screen.findByText('还没有收到请求')).toBeInTheDocument();
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(page([]));
    });
    render(<ReceivedRequestsPage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('requests-error-retry'));
    expect(await screen.findByText('还没有收到请求')).toBeInTheDocument();
  });
});
