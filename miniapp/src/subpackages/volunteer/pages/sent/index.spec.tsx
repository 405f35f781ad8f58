import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeRequest, page } from '../../test-factories';
import SentRequestsPage from './index';

const sent = (overrides: Parameters<typeof makeRequest>[0]) => makeRequest({ role: 'requester', ...overrides });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
});

describe('SentRequestsPage', () => {
  it('shows each request’s status, opens the service of an accepted one, and withdraws a pending one', async () => {
    fakeApi((call) => {
      if (call.method === 'GET')
        return ok(
          page([
            sent({ id: 'r1', status: 'accepted', serviceId: 's1' }),
            sent({ id: 'r2' }),
            sent({ id: 'r3', status: 'declined', declineReason: '这几天在外地' }),
          ]),
        );
      return ok(sent({ id: 'r2', status: 'withdrawn' }));
    });
    render(<SentRequestsPage />);

    expect(await screen.findByText('签到、签退和评价')).toBeInTheDocument();
    expect(byId('sent-r1')).toHaveTextContent('志愿者 刘*国');
    expect(byId('sent-r3')).toHaveTextContent('婉拒原因：这几天在外地');
    expect(document.getElementById('sent-withdraw-r1')).toBeNull();
    fireEvent.click(byId('sent-service-r1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerService}?id=s1` });
    fireEvent.click(byId('sent-withdraw-r2'));
    await waitFor(() => expect(byId('sent-r2-status')).toHaveTextContent('已撤回'));
    expect(callsTo('POST', '/api/volunteer/requests/r2/withdraw')).toHaveLength(1);
  });

  it('shows why a withdrawal was refused', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok(page([sent({ id: 'r2' })])) : failure(ErrorCode.VOLUNTEER_REQUEST_STATE),
    );
    render(<SentRequestsPage />);
    fireEvent.click(await screen.findByText('撤回请求'));
    await waitFor(() => expect(byId('sent-r2-problem')).not.toBeEmptyDOMElement());
  });

  it('points to the board when nothing was asked yet', async () => {
    fakeApi(() => ok(page([])));
    render(<SentRequestsPage />);
    fireEvent.click(await screen.findByText('去社区志愿板'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerBoard });
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(page([]));
    });
    render(<SentRequestsPage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('sent-error-retry'));
    expect(await screen.findByText('还没有发出过请求')).toBeInTheDocument();
  });
});
