import { act, fireEvent, render, screen } from '@testing-library/react';
import { Role } from '@pioneer/shared';
import { makeAccount, makeSession, makeStaffAccount } from '../../../test/factories';
import { taroMock } from '../../../test/taro-mock';
import { byId } from '../../../test/ui';
import { MeLinks } from '../../pages/me/me-links';
import { Routes } from '../../routes';
import { sessionStore } from '../../stores/session';
import SecretaryConsolePage from '../secretary/pages/console/index';

describe('ways into the points screens', () => {
  beforeEach(() => {
    sessionStore.clear();
    taroMock.navigateTo.mockResolvedValue({ errMsg: 'navigateTo:ok' });
  });

  it('gives a member 我的积分 on the 我的 page, and nobody else', () => {
    const { unmount } = render(<MeLinks isMember />);
    fireEvent.click(byId('me-points'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: Routes.pointsMine }));
    unmount();
    render(<MeLinks isMember={false} />);
    expect(document.getElementById('me-points')).toBeNull();
  });

  it('gives community staff the catalogue and 核销 in the console, but not the review queue', () => {
    act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: [Role.COMMUNITY_STAFF] }) })));
    render(<SecretaryConsolePage />);
    expect(screen.getByText('积分兑换权益')).toBeInTheDocument();
    expect(screen.getByText('权益核销')).toBeInTheDocument();
    expect(screen.queryByText('积分审核')).not.toBeInTheDocument();
  });

  it('gives a branch secretary the review queue', () => {
    act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: [Role.BRANCH_SECRETARY] }) })));
    render(<SecretaryConsolePage />);
    fireEvent.click(byId('console-points-review-link'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: Routes.pointsReview }));
    expect(screen.queryByText('积分兑换权益')).not.toBeInTheDocument();
  });

  it('keeps a plain member out of the staff links', () => {
    act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
    render(<SecretaryConsolePage />);
    expect(screen.queryByText('权益核销')).not.toBeInTheDocument();
  });
});
