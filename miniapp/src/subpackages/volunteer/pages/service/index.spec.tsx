import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeService } from '../../test-factories';
import ServicePage from './index';

const CODE = 'PK7Q2M9XD.1.1kz3a9.x5F0aQm3Lk';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
  setRouterParams({ id: 's1' });
});

describe('ServicePage', () => {
  it('checks the volunteer in and out with their personal code, then confirms with a rating', async () => {
    let current = makeService({ id: 's1' });
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/volunteer/services/s1') return ok(current);
      if (call.path === '/api/volunteer/services/s1/scan') {
        const { direction } = call.data as { direction: string };
        current =
          direction === 'in'
            ? makeService({ id: 's1', status: 'in_progress', checkedInAt: '2026-11-21T01:00:00.000Z' })
            : makeService({
                id: 's1',
                status: 'completed',
                checkedInAt: '2026-11-21T01:00:00.000Z',
                checkedOutAt: '2026-11-21T02:35:00.000Z',
                minutes: 95,
              });
        return ok(current);
      }
      if (call.path === '/api/volunteer/services/s1/confirm')
        return ok({ ...current, status: 'confirmed', rating: 5, ratingComment: '修得很好' });
      return undefined;
    });
    render(<ServicePage />);

    expect(await screen.findByText('扫志愿者的先锋码签到')).toBeInTheDocument();
    await typeInto('service-code-input', 'not a code');
    fireEvent.click(byId('service-code-submit'));
    expect(byId('service-scan-problem')).toHaveTextContent('这不是党员的个人先锋码');
    expect(callsTo('POST', '/api/volunteer/services/s1/scan')).toHaveLength(0);

    await typeInto('service-code-input', ` ${CODE} `);
    fireEvent.click(byId('service-code-submit'));
    expect(await screen.findByText('扫志愿者的先锋码签退')).toBeInTheDocument();
    expect(byId('service-status')).toHaveTextContent('服务中');
    await typeInto('service-code-input', CODE);
    fireEvent.click(byId('service-code-submit'));
    expect(await screen.findByText('确认服务并评价')).toBeInTheDocument();
    expect(byId('service-minutes')).toHaveTextContent('1.6 小时');
    expect(callsTo('POST', '/api/volunteer/services/s1/scan').map((c) => c.data)).toEqual([
      { code: CODE, direction: 'in' },
      { code: CODE, direction: 'out' },
    ]);

    fireEvent.click(byId('service-confirm'));
    expect(byId('service-confirm-problem')).toHaveTextContent('请先点星星打分');
    fireEvent.click(byId('service-rating-4'));
    expect(byId('service-rating-words')).toHaveTextContent('4 星：满意');
    fireEvent.click(byId('service-rating-5'));
    await typeInto('service-comment', '修得很好');
    fireEvent.click(byId('service-confirm'));
    expect(await screen.findByText('服务已确认，谢谢！')).toBeInTheDocument();
    expect(callsTo('POST', '/api/volunteer/services/s1/confirm')[0].data).toEqual({ rating: 5, comment: '修得很好' });
    expect(byId('service-rating')).toHaveTextContent('★★★★★ 修得很好');
  });

  it('shows why a scan was refused (another member’s code) and stays on check-in', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok(makeService({ id: 's1' })) : failure(ErrorCode.SERVICE_WRONG_MEMBER),
    );
    render(<ServicePage />);
    await typeInto('service-code-input', CODE);
    fireEvent.click(await screen.findByText('登记签到'));
    await waitFor(() => expect(byId('service-scan-problem')).not.toBeEmptyDOMElement());
    expect(byId('service-status')).toHaveTextContent('待服务');
  });

  it('sends the member to their code instead of a scanner', async () => {
    act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
    fakeApi(() => ok(makeService({ id: 's1', role: 'member' })));
    render(<ServicePage />);
    fireEvent.click(await screen.findByText('出示我的先锋码'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.memberPersonalCode });
    expect(document.getElementById('service-scan')).toBeNull();
  });

  it('calls a service off before it starts', async () => {
    fakeApi((call) =>
      call.method === 'GET' ? ok(makeService({ id: 's1' })) : ok(makeService({ id: 's1', status: 'cancelled' })),
    );
    render(<ServicePage />);
    fireEvent.click(await screen.findByText('取消这次服务'));
    fireEvent.click(byId('service-cancel-sheet-confirm'));
    await waitFor(() => expect(byId('service-status')).toHaveTextContent('已取消'));
    expect(document.getElementById('service-scan')).toBeNull();
  });

  it('says why the service did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.NOT_FOUND, '没有找到') : ok(makeService({ id: 's1' }));
    });
    render(<ServicePage />);
    expect(await screen.findByText('没有找到')).toBeInTheDocument();
    fireEvent.click(byId('service-error-retry'));
    expect(await screen.findByText('扫志愿者的先锋码签到')).toBeInTheDocument();
  });
});
