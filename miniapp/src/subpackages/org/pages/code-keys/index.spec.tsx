import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, Role } from '@pioneer/shared';
import { makeCodeKey } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import CodeKeysPage from './index';

const KEYS = [
  makeCodeKey({ purpose: 'branch', version: 1, current: false, revokedAt: '2025-02-01T00:00:00.000Z' }),
  makeCodeKey({ purpose: 'branch', version: 2, current: false }),
  makeCodeKey({ purpose: 'branch', version: 3, current: true }),
  makeCodeKey({ purpose: 'personal', version: 1, current: true }),
];

function logIn(roles: Role[] = [Role.SYSTEM_ADMIN]) {
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles }) })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('CodeKeysPage', () => {
  it('lists each purpose’s versions, newest first, with their state', async () => {
    logIn();
    fakeApi((call) => (call.path === CheckinRoutes.keys ? ok(KEYS) : undefined));
    render(<CodeKeysPage />);

    expect(await screen.findByText('支部报到码')).toBeInTheDocument();
    expect(byId('key-branch-3')).toHaveTextContent('当前使用');
    expect(byId('key-branch-2')).toHaveTextContent('旧版本，仍有效');
    expect(byId('key-branch-1')).toHaveTextContent('已停用');
    expect(byId('keys-branch').textContent?.indexOf('第 3 版')).toBeLessThan(
      byId('keys-branch').textContent?.indexOf('第 1 版') ?? 0,
    );
    expect(byId('key-personal-1')).toHaveTextContent('当前使用');
    // Only an old version still in force can be revoked.
    expect(document.getElementById('key-branch-2-revoke')).not.toBeNull();
    expect(document.getElementById('key-branch-3-revoke')).toBeNull();
    expect(document.getElementById('key-branch-1-revoke')).toBeNull();
  });

  it('rotates after the confirmation and shows the new list', async () => {
    logIn();
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === CheckinRoutes.keys) return ok(KEYS);
      if (call.method === 'POST' && call.path === '/api/codes/keys/personal/rotate')
        return ok([
          ...KEYS.slice(0, 3),
          makeCodeKey({ purpose: 'personal', version: 1, current: false }),
          makeCodeKey({ purpose: 'personal', version: 2, current: true }),
        ]);
      return undefined;
    });
    render(<CodeKeysPage />);

    await screen.findByText('党员个人码');
    fireEvent.click(byId('keys-personal-rotate'));
    expect(byId('keys-confirm')).toHaveTextContent('党员手机联网时会换用新密钥');
    fireEvent.click(byId('keys-confirm-confirm'));

    expect(await screen.findByText('第 2 版', { selector: '#key-personal-2 *' })).toBeInTheDocument();
    expect(byId('key-personal-1')).toHaveTextContent('旧版本，仍有效');
    expect(callsTo('POST', '/api/codes/keys/personal/rotate')).toHaveLength(1);
    expect(callsTo('GET', CheckinRoutes.keys)).toHaveLength(1);
    expect(document.getElementById('keys-confirm')).toBeNull();
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已生成新版本' }));
  });

  it('explains that revoking stops the codes signed with that version, and sends nothing when cancelled', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === CheckinRoutes.keys) return ok(KEYS);
      if (call.path === '/api/codes/keys/branch/2/revoke')
        return ok(
          KEYS.map((key) =>
            key.purpose === 'branch' && key.version === 2 ? { ...key, revokedAt: '2025-03-01T00:00:00.000Z' } : key,
          ),
        );
      return undefined;
    });
    render(<CodeKeysPage />);

    fireEvent.click(await screen.findByText('停用第 2 版'));
    expect(byId('keys-confirm')).toHaveTextContent('用第 2 版签发的报到码');
    expect(byId('keys-confirm')).toHaveTextContent('会立即失效');
    fireEvent.click(byId('keys-confirm-cancel'));
    expect(callsTo('POST', '/api/codes/keys/branch/2/revoke')).toHaveLength(0);

    fireEvent.click(screen.getByText('停用第 2 版'));
    fireEvent.click(byId('keys-confirm-confirm'));

    await waitFor(() => expect(byId('key-branch-2')).toHaveTextContent('已停用'));
    expect(callsTo('POST', '/api/codes/keys/branch/2/revoke')).toHaveLength(1);
    expect(document.getElementById('key-branch-2-revoke')).toBeNull();
  });

  it('keeps the sheet open with the server’s reason when it refuses', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === CheckinRoutes.keys) return ok(KEYS);
      if (call.path === '/api/codes/keys/branch/rotate') return failure(ErrorCode.FORBIDDEN);
      return undefined;
    });
    render(<CodeKeysPage />);

    fireEvent.click(await screen.findByText('生成新版本', { selector: '#keys-branch-rotate' }));
    fireEvent.click(byId('keys-confirm-confirm'));

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(byId('keys-confirm')).toBeInTheDocument();
  });

  it('is only for system admins', () => {
    logIn([Role.ORG_ADMIN]);
    render(<CodeKeysPage />);

    expect(screen.getByText('没有访问权限')).toBeInTheDocument();
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});
