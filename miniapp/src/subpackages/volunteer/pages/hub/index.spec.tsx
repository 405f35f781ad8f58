import { act, fireEvent, render, screen } from '@testing-library/react';
import { makeAccount, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import VolunteerHubPage from './index';

const signIn = (account: ReturnType<typeof makeAccount>) => act(() => sessionStore.set(makeSession({ account })));

beforeEach(() => sessionStore.clear());

describe('VolunteerHubPage', () => {
  it('gives a member their cards, requests, services and 雁归, and the board', () => {
    signIn(makeAccount({ memberId: 'm-1' }));
    render(<VolunteerHubPage />);
    expect(byId('hub-member')).toHaveTextContent('我的技能卡');
    expect(byId('hub-member')).toHaveTextContent('雁归');
    expect(byId('hub-everyone')).toHaveTextContent('社区志愿板');
    expect(document.getElementById('hub-staff')).toBeNull();
    fireEvent.click(byId('hub-cards'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerCards });
  });

  it('gives a resident (not on the roster) only the board and their requests', () => {
    signIn(makeAccount({ memberId: null }));
    render(<VolunteerHubPage />);
    expect(document.getElementById('hub-member')).toBeNull();
    expect(screen.getByText('我发出的请求')).toBeInTheDocument();
    fireEvent.click(byId('hub-board'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerBoard });
  });

  it('gives community staff needs, and org admins the 雁归 reserve list too', () => {
    signIn(makeStaffAccount({ roles: ['community_staff'] }));
    const { unmount } = render(<VolunteerHubPage />);
    expect(byId('hub-staff')).toHaveTextContent('发布服务需求');
    expect(document.getElementById('hub-reserve')).toBeNull();
    unmount();
    signIn(makeStaffAccount({ roles: ['org_admin'] }));
    render(<VolunteerHubPage />);
    fireEvent.click(byId('hub-reserve'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.volunteerReserve });
  });
});
