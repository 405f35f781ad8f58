import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { makeService, page } from '../../test-factories';
import ReceivedServicesPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
});

describe('ReceivedServicesPage', () => {
  it('lists the services I receive with what to do next, and opens one', async () => {
    fakeApi(() =>
      ok(
        page([
          makeService({ id: 's1' }),
          makeService({ id: 's2', status: 'completed', minutes: 95 }),
          makeService({ id: 's3', status: 'confirmed', minutes: 60, rating: 4 }),
        ]),
      ),
    );
    render(<ReceivedServicesPage />);

    expect(await screen.findByText('志愿者到了请点这里，扫他的先锋码签到')).toBeInTheDocument();
    expect(byId('received-s1')).toHaveTextContent('志愿者：刘*国');
    expect(byId('received-s2')).toHaveTextContent('请点这里确认并评价');
    expect(byId('received-s3-rating')).toHaveTextContent('★★★★');
    fireEvent.click(byId('received-service-s2'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.volunteerService}?id=s2` });
  });

  it('says when there is nothing yet', async () => {
    fakeApi(() => ok(page([])));
    render(<ReceivedServicesPage />);
    expect(await screen.findByText('还没有为您服务的记录')).toBeInTheDocument();
  });

  it('says why the list did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(page([]));
    });
    render(<ReceivedServicesPage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('received-error-retry'));
    expect(await screen.findByText('还没有为您服务的记录')).toBeInTheDocument();
  });
});
