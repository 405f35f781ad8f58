import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuthRoutes } from '@pioneer/shared';
import { makeAccount, makeSession } from '../../../test/factories';
import { ok } from '../../../test/responses';
import { taroMock } from '../../../test/taro-mock';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import MePage from './index';

const request = taroMock.request;

beforeEach(() => {
  sessionStore.clear();
});

describe('MePage', () => {
  it('shows the account and logs out on this device and on the server', async () => {
    const session = makeSession({ account: makeAccount({ displayName: '王师傅' }) });
    act(() => sessionStore.set(session));
    request.mockResolvedValue(ok(null, 204));
    render(<MePage />);

    expect(screen.getByText('王师傅')).toBeInTheDocument();
    expect(screen.getByText('党员')).toBeInTheDocument();
    fireEvent.click(screen.getByText('退出登录'));

    await waitFor(() => expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.login }));
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({ url: AuthRoutes.logout, data: { refreshToken: session.refreshToken } }),
    );
    expect(sessionStore.get()).toBeNull();
  });
});
