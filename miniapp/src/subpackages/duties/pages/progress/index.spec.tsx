import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, OrgRoutes, ResponsibilityRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import DutiesProgressPage from './index';

const org = (id: string, name: string) => ({ id, name, level: 'county', kind: 'regular', parentId: null });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({});
});

describe('DutiesProgressPage', () => {
  it('shows each branch’s lists with done and overdue counts for the caller’s org, and switches org', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([org('o-1', '修武县'), org('o-2', '博爱县')]);
      if (call.path !== ResponsibilityRoutes.progress) return undefined;
      return call.query.orgId === 'o-1'
        ? ok({
            orgId: 'o-1',
            asOf: '2027-04-16',
            rows: [
              {
                branchId: 'b-1',
                branchName: '东风村党支部',
                list: 'sending',
                flows: 3,
                items: 21,
                done: 9,
                overdue: 4,
              },
              {
                branchId: 'b-1',
                branchName: '东风村党支部',
                list: 'member',
                flows: 3,
                items: 15,
                done: 15,
                overdue: 0,
              },
            ],
          })
        : ok({ orgId: 'o-2', asOf: '2027-04-16', rows: [] });
    });
    render(<DutiesProgressPage />);

    expect(await screen.findByText('流出地党组织责任')).toBeInTheDocument();
    expect(byId('progress-as-of')).toHaveTextContent('修武县 · 截至 2027-04-16');
    expect(byId('progress-b-1-sending')).toHaveTextContent('3 名党员');
    expect(byId('progress-b-1-sending')).toHaveTextContent('本期完成 9 项');
    expect(byId('progress-b-1-sending')).toHaveTextContent('逾期 4 项');
    expect(byId('progress-b-1-member')).toHaveTextContent('流动党员责任');

    fireEvent.click(byId('progress-orgs-o-2'));
    expect(await screen.findByText('还没有双向共管中的党员')).toBeInTheDocument();
    expect(callsTo('GET', ResponsibilityRoutes.progress).map((c) => c.query.orgId)).toEqual(['o-1', 'o-2']);
  });

  it('says why the figures did not load', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([org('o-1', '修武县')]);
      return failure(ErrorCode.FORBIDDEN, '只有本组织及上级组织的书记、委员和组织部门管理员可以查看责任清单进度');
    });
    render(<DutiesProgressPage />);
    expect(await screen.findByText(/只有本组织及上级组织/)).toBeInTheDocument();
  });
});
