import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, OrgRoutes, OutflowRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession } from '../../../../../test/factories';
import { makeHomeForHolidaysItem } from '../../../../../test/outflow-factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import HolidaysPage from './index';

const branch = {
  id: 'branch-1',
  parentId: 'village-1',
  level: 'branch',
  kind: 'regular',
  name: '东王庄村党支部',
  regionCode: null,
  address: null,
  location: null,
  secretaryName: null,
  activityDay: null,
  foundingOrgId: null,
  trail: ['东王庄村党支部'],
};

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
  setRouterParams({ orgId: 'branch-1' });
});

describe('HolidaysPage', () => {
  it('lists members home for the holidays with masked phones, and links catch-up study', async () => {
    const item = makeHomeForHolidaysItem({ memberName: '李春来', memberPhoneMasked: '139****4321' });
    fakeApi((call) => {
      if (call.path === OrgRoutes.one.replace(':id', 'branch-1')) return ok(branch);
      if (call.path === OutflowRoutes.homeForHolidays) return ok({ items: [item] });
      return undefined;
    });
    render(<HolidaysPage />);

    expect(await screen.findByText('李春来')).toBeInTheDocument();
    expect(screen.getByText('139****4321')).toBeInTheDocument();
    expect(screen.getByText('2026-01-25 至 2026-02-10')).toBeInTheDocument();
    expect(screen.getByText('春节')).toBeInTheDocument();
    expect(callsTo('GET', OutflowRoutes.homeForHolidays)[0].query).toEqual({ orgId: 'branch-1' });
    fireEvent.click(screen.getByText('安排返乡补学'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({
      url: `${Routes.secretaryActivityNew}?branchId=branch-1&kind=catch_up_class`,
    });
  });

  it('says so when nobody is coming home', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.one.replace(':id', 'branch-1')) return ok(branch);
      if (call.path === OutflowRoutes.homeForHolidays) return ok({ items: [] });
      return undefined;
    });
    render(<HolidaysPage />);
    expect(await screen.findByText('近期没有党员登记返乡')).toBeInTheDocument();
  });

  it('shows the error and a retry when the list does not load', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.one.replace(':id', 'branch-1')) return ok(branch);
      if (call.path === OutflowRoutes.homeForHolidays) return failure(ErrorCode.NOT_FOUND, '找不到这个组织');
      return undefined;
    });
    render(<HolidaysPage />);
    expect(await screen.findByText('找不到这个组织')).toBeInTheDocument();
  });
});
