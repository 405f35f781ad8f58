import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, OrgRoutes, StudyRoutes } from '@pioneer/shared';
import { makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { makePlanRule } from '../../../../../test/study-factories';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import StudyPlansPage from './index';

const YEAR = new Date().getFullYear();

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('StudyPlansPage', () => {
  it('fills in this year’s rule and saves the changes', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('o-1', '武川县委组织部', 'county')]);
      if (call.method === 'GET' && call.path === StudyRoutes.plans)
        return ok([makePlanRule({ orgId: 'o-1', year: YEAR, requiredHours: 32, requiredActivities: 4, electives: 2 })]);
      if (call.method === 'PUT' && call.path === StudyRoutes.plans) return ok(makePlanRule());
      return undefined;
    });
    render(<StudyPlansPage />);

    expect(await screen.findByText('已制定，可以修改。')).toBeInTheDocument();
    expect(callsTo('GET', StudyRoutes.plans)[0].query).toEqual({ orgId: 'o-1', year: String(YEAR) });
    await typeInto('plan-hours', '24.5');
    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect(callsTo('PUT', StudyRoutes.plans)[0].data).toEqual({
      orgId: 'o-1',
      year: YEAR,
      requiredHours: 24.5,
      requiredActivities: 4,
      electives: 2,
    });
  });

  it('shows the plan set higher up that members follow while the org has none of its own', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('t-1', '可镇党委', 'township')]);
      if (call.path === StudyRoutes.plans)
        return ok([makePlanRule({ orgId: 'o-1', orgName: '武川县委组织部', year: YEAR, requiredHours: 32 })]);
      return undefined;
    });
    render(<StudyPlansPage />);

    expect(
      await screen.findByText(/武川县委组织部的要求：全年 32 小时、参加活动 4 次、自主选学 2 项/),
    ).toBeInTheDocument();
    expect(byId('plan-inherited')).toHaveTextContent('本组织没有单独制定时，党员按这个要求');
    expect(byId('plan-rule-state')).toHaveTextContent('还没有制定');
  });

  it('sets next year’s rule from an empty form and checks the numbers first', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('o-1', '武川县委组织部', 'county')]);
      if (call.method === 'GET' && call.path === StudyRoutes.plans) return ok([]);
      if (call.method === 'PUT' && call.path === StudyRoutes.plans) return failure(ErrorCode.FORBIDDEN);
      return undefined;
    });
    render(<StudyPlansPage />);

    await screen.findByText(/还没有制定/);
    fireEvent.click(byId('plan-year-next'));
    await waitFor(() => expect(callsTo('GET', StudyRoutes.plans)[1].query.year).toBe(String(YEAR + 1)));
    await screen.findByText(`武川县委组织部 ${YEAR + 1} 年自主选学要求`);

    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('全年学习时长请填写 0 到 2000 之间的小时数')).toBeInTheDocument();
    await typeInto('plan-hours', '30');
    await typeInto('plan-activities', '4');
    await typeInto('plan-electives', '3');
    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(callsTo('PUT', StudyRoutes.plans)[0].data).toMatchObject({
      year: YEAR + 1,
      requiredHours: 30,
      electives: 3,
    });
  });
});
