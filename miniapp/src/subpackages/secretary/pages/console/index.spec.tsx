import { act, render, screen } from '@testing-library/react';
import { Role } from '@pioneer/shared';
import { makeAccount, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { taroMock } from '../../../../../test/taro-mock';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import SecretaryConsolePage from './index';

function logIn(account = makeStaffAccount()) {
  act(() => sessionStore.set(makeSession({ account })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('SecretaryConsolePage', () => {
  it('shows who is logged in with their roles and an honest empty to-do list', () => {
    logIn(makeStaffAccount({ displayName: '李书记', roles: [Role.BRANCH_SECRETARY, Role.MEMBER] }));
    render(<SecretaryConsolePage />);

    expect(screen.getByText('李书记')).toBeInTheDocument();
    expect(screen.getByText('支部书记')).toBeInTheDocument();
    expect(screen.getByText('党员')).toBeInTheDocument();
    expect(screen.getByText('暂无待办事项')).toBeInTheDocument();
    expect(screen.getByText(/外出报告审批、结对联系提醒/)).toBeInTheDocument();
  });

  it('tells a plain member that the console is not for them', () => {
    logIn(makeAccount({ roles: [Role.MEMBER] }));
    render(<SecretaryConsolePage />);

    expect(screen.getByText('没有访问权限')).toBeInTheDocument();
    expect(screen.queryByText('暂无待办事项')).toBeNull();
  });

  it('sends someone who is not logged in to the login page', () => {
    render(<SecretaryConsolePage />);

    expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.login });
  });
});
