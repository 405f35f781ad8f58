import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, ReportRoutes, type MyDueReports } from '@pioneer/shared';
import { fakeApi } from '../../../../../test/api';
import { makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import MyReportsPage from './index';

const due: MyDueReports = {
  items: [
    {
      kind: 'thought',
      period: '2099-H2',
      dueDate: '2099-12-31',
      remindFrom: '2099-12-01',
      status: 'draft',
      reportId: 'r-draft',
    },
    {
      kind: 'monthly',
      period: '2099-11',
      dueDate: '2099-11-30',
      remindFrom: '2099-11-25',
      status: 'replied',
      reportId: 'r-sent',
    },
  ],
};

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
});

describe('MyReportsPage', () => {
  it('shows this period’s reports and where each button leads', async () => {
    fakeApi((call) => {
      if (call.path === ReportRoutes.myDue) return ok(due);
      if (call.path === ReportRoutes.myList) return ok({ items: [] });
      return undefined;
    });
    render(<MyReportsPage />);
    expect(await screen.findByText('2099年下半年思想汇报')).toBeInTheDocument();
    expect(byId('due-thought-2099-H2')).toHaveTextContent('已存草稿，请在12月31日前提交');
    expect(byId('due-monthly-2099-11')).toHaveTextContent('书记已回复');
    expect(await screen.findByText('还没有写过汇报')).toBeInTheDocument();

    fireEvent.click(screen.getByText('接着写'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({
      url: `${Routes.reportsWrite}?kind=thought&period=2099-H2`,
    });
    fireEvent.click(screen.getByText('查看'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.reportsWrite}?id=r-sent` });
  });

  it('offers a retry when the due reports cannot be loaded', async () => {
    fakeApi((call) => {
      if (call.path === ReportRoutes.myDue)
        return failure(ErrorCode.NOT_FOUND, '您还没有绑定党员信息，请先在“我的”页面绑定');
      if (call.path === ReportRoutes.myList) return ok({ items: [] });
      return undefined;
    });
    render(<MyReportsPage />);
    expect(await screen.findByText('您还没有绑定党员信息，请先在“我的”页面绑定')).toBeInTheDocument();
    expect(byId('reports-due-error-retry')).toBeInTheDocument();
  });
});
