import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeService, page } from '../../test-factories';
import MyServicesPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

const mine = (overrides: Parameters<typeof makeService>[0]) => makeService({ role: 'member', ...overrides });

describe('MyServicesPage', () => {
  it('sends the member to their personal code to check in or out, and shows the hours and rating', async () => {
    fakeApi(() =>
      ok(
        page([
          mine({ id: 's1', status: 'scheduled' }),
          mine({ id: 's2', status: 'in_progress', checkedInAt: '2026-11-21T01:00:00.000Z' }),
          mine({ id: 's3', status: 'confirmed', minutes: 95, rating: 5, ratingComment: '修得很好' }),
        ]),
      ),
    );
    render(<MyServicesPage />);

    expect(await screen.findByText('出示先锋码签到')).toBeInTheDocument();
    expect(byId('my-service-s1')).toHaveTextContent('服务对象：居民 王阿姨');
    expect(byId('service-code-s2')).toHaveTextContent('出示先锋码签退');
    expect(document.getElementById('service-code-s3')).toBeNull();
    expect(byId('my-service-s3-minutes')).toHaveTextContent('1.6 小时');
    expect(byId('my-service-s3-rating')).toHaveTextContent('★★★★★ 修得很好');
    fireEvent.click(byId('service-code-s1'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.memberPersonalCode });
  });

  it('calls a service off after asking once more', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok(page([mine({ id: 's1' })])) : ok(mine({ id: 's1', status: 'cancelled' })),
    );
    render(<MyServicesPage />);
    fireEvent.click(await screen.findByText('取消这次服务'));
    fireEvent.click(byId('service-cancel-sheet-confirm'));
    await waitFor(() => expect(byId('my-service-s1-status')).toHaveTextContent('已取消'));
    expect(callsTo('POST', '/api/volunteer/services/s1/cancel')).toHaveLength(1);
    expect(document.getElementById('service-cancel-sheet')).toBeNull();
  });

  it('keeps the sheet open with the reason when calling off fails', async () => {
    fakeApi((call) => (call.method === 'GET' ? ok(page([mine({ id: 's1' })])) : failure(ErrorCode.SERVICE_STATE)));
    render(<MyServicesPage />);
    fireEvent.click(await screen.findByText('取消这次服务'));
    fireEvent.click(byId('service-cancel-sheet-confirm'));
    await waitFor(() => expect(byId('service-cancel-sheet-error')).not.toBeEmptyDOMElement());
  });

  it('says when there is no service yet', async () => {
    fakeApi(() => ok(page([])));
    render(<MyServicesPage />);
    expect(await screen.findByText('还没有志愿服务')).toBeInTheDocument();
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(page([]));
    });
    render(<MyServicesPage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('services-error-retry'));
    expect(await screen.findByText('还没有志愿服务')).toBeInTheDocument();
  });
});
