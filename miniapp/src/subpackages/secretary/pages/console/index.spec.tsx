import { act, fireEvent, render, screen } from '@testing-library/react';
import { FlowRoutes, InboxRoutes, Role } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeFlowListItem, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import SecretaryConsolePage from './index';

function logIn(account = makeStaffAccount()) {
  act(() => sessionStore.set(makeSession({ account })));
}

function pendingLists(byStatus: Record<string, number>) {
  fakeApi((call) =>
    call.path === FlowRoutes.list
      ? ok({ items: Array.from({ length: byStatus[call.query.status] ?? 0 }, () => makeFlowListItem()) })
      : undefined,
  );
}

beforeEach(() => {
  sessionStore.clear();
});

describe('SecretaryConsolePage', () => {
  it('shows who is logged in with their roles and an honest empty to-do list', async () => {
    logIn(makeStaffAccount({ displayName: '李书记', roles: [Role.BRANCH_SECRETARY, Role.MEMBER] }));
    pendingLists({});
    render(<SecretaryConsolePage />);

    expect(screen.getByText('李书记')).toBeInTheDocument();
    expect(screen.getByText('支部书记')).toBeInTheDocument();
    expect(screen.getByText('党员')).toBeInTheDocument();
    expect(await screen.findByText('暂无待办事项')).toBeInTheDocument();
    expect(screen.getByText(/外出报告审批、报到确认/)).toBeInTheDocument();
    expect(callsTo('GET', FlowRoutes.list)).toHaveLength(3);
  });

  it('counts the items waiting and opens the to-do list', async () => {
    logIn();
    pendingLists({ reported: 2, arrived: 1 });
    render(<SecretaryConsolePage />);

    expect(await screen.findByText('有 3 项等您处理')).toBeInTheDocument();
    fireEvent.click(screen.getByText('去处理待办'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: Routes.secretaryPending });
  });

  it('routes a secretary to the roster and the 四清 list, and not to the org ledgers', async () => {
    logIn();
    pendingLists({});
    render(<SecretaryConsolePage />);

    fireEvent.click(byId('console-roster-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.secretaryRoster });
    fireEvent.click(byId('console-unclear-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.secretaryUnclear });
    expect(document.getElementById('console-rollup-link')).toBeNull();
    expect(document.getElementById('console-audit-link')).toBeNull();
    await screen.findByText('暂无待办事项');
  });

  it('routes an org admin to the ledgers, the import and the audit log', async () => {
    logIn(makeStaffAccount({ roles: [Role.ORG_ADMIN] }));
    pendingLists({});
    render(<SecretaryConsolePage />);

    fireEvent.click(byId('console-rollup-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.orgRollup });
    fireEvent.click(byId('console-import-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.orgImport });
    fireEvent.click(byId('console-audit-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.orgAudit });
    await screen.findByText('暂无待办事项');
  });

  it('routes an org admin to study packs and completion, and a secretary to completion only', async () => {
    logIn(makeStaffAccount({ roles: [Role.ORG_ADMIN] }));
    pendingLists({});
    const { unmount } = render(<SecretaryConsolePage />);

    fireEvent.click(byId('console-study-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.studyAdminPacks });
    fireEvent.click(byId('console-study-completion-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.studyAdminCompletion });
    await screen.findByText('暂无待办事项');
    unmount();

    logIn();
    render(<SecretaryConsolePage />);
    expect(document.getElementById('console-study-link')).toBeNull();
    expect(byId('console-study-completion-link')).toBeInTheDocument();
    await screen.findByText('暂无待办事项');
  });

  it('opens the 流动先锋码 screens: activities, the branch code and scanning a member’s code', async () => {
    logIn();
    pendingLists({});
    render(<SecretaryConsolePage />);

    fireEvent.click(byId('console-activities-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.secretaryActivities });
    fireEvent.click(byId('console-branch-code-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.secretaryBranchCode });
    fireEvent.click(byId('console-scan-member-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.secretaryScanMember });
    expect(document.getElementById('console-code-keys-link')).toBeNull();
    await screen.findByText('暂无待办事项');
  });

  it('shows the open to-dos from the inbox summary on the 消息 card and opens the inbox', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === FlowRoutes.list) return ok({ items: [] });
      if (call.path === InboxRoutes.summary) return ok({ unreadNotices: 1, openTodos: 4 });
      return undefined;
    });
    render(<SecretaryConsolePage />);

    expect(await screen.findByText('消息（4 项待办）')).toBeInTheDocument();
    fireEvent.click(byId('console-inbox-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.inbox });
  });

  it('offers system admins the signing keys', () => {
    logIn(makeStaffAccount({ roles: [Role.SYSTEM_ADMIN] }));
    render(<SecretaryConsolePage />);

    fireEvent.click(byId('console-code-keys-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.orgCodeKeys });
    expect(document.getElementById('console-activities-link')).toBeNull();
  });

  it('offers community staff nothing that reads member files', () => {
    logIn(makeStaffAccount({ roles: [Role.COMMUNITY_STAFF] }));
    render(<SecretaryConsolePage />);

    expect(byId('console-empty')).toHaveTextContent('暂无待办事项');
    expect(document.getElementById('console-roster-link')).toBeNull();
    expect(taroMock.request).not.toHaveBeenCalled();
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

  it('opens volunteering for community staff, secretaries and org admins, not for committee members', () => {
    logIn(makeStaffAccount({ roles: [Role.COMMUNITY_STAFF] }));
    const { unmount } = render(<SecretaryConsolePage />);
    fireEvent.click(byId('console-volunteer-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: Routes.volunteerHub });
    unmount();

    logIn(makeStaffAccount({ roles: [Role.BRANCH_COMMITTEE] }));
    render(<SecretaryConsolePage />);
    expect(document.getElementById('console-volunteer-link')).toBeNull();
  });
});
