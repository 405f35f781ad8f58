import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, OrgRoutes, StudyRoutes, type StudyPackSummary, type StudyPackView } from '@pioneer/shared';
import { makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { makeStudyPackView } from '../../../../../test/study-factories';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import StudyAdminPacksPage from './index';

/** A pack as the authors' list gives it: without items, with their count. */
function summary(overrides: Partial<StudyPackView>, itemCount: number): StudyPackSummary {
  const { items: _items, ...rest } = makeStudyPackView(overrides);
  return { ...rest, itemCount };
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('StudyAdminPacksPage', () => {
  it('lists the org’s packs with their status and opens one', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('o-1', '武川县委组织部', 'county')]);
      if (call.path === StudyRoutes.packs)
        return ok({
          items: [
            summary(
              { id: 'p-1', title: '3月学习礼包', status: 'published', publishedAt: '2025-03-01T01:00:00.000Z' },
              4,
            ),
            summary({ id: 'p-2', title: '专题：安全生产', kind: 'themed', month: null, status: 'draft' }, 0),
          ],
        });
      return undefined;
    });
    render(<StudyAdminPacksPage />);

    expect(await screen.findByText('3月学习礼包')).toBeInTheDocument();
    expect(byId('admin-pack-p-1')).toHaveTextContent('已发布');
    expect(byId('admin-pack-p-1')).toHaveTextContent('2025年3月 · 4 项内容');
    expect(byId('admin-pack-p-1')).toHaveTextContent('其中外出的流动党员');
    expect(byId('admin-pack-p-2')).toHaveTextContent('草稿');
    expect(byId('admin-pack-p-2')).toHaveTextContent('专题礼包 · 0 项内容');
    expect(callsTo('GET', StudyRoutes.packs)[0].query).toMatchObject({ orgId: 'o-1', limit: '20' });

    fireEvent.click(byId('admin-pack-p-2'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.studyAdminPack}?id=p-2` });
    fireEvent.click(byId('admin-packs-new'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.studyAdminPackEdit}?orgId=o-1` });
    fireEvent.click(byId('admin-plans-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.studyAdminPlans}?orgId=o-1` });
    fireEvent.click(byId('admin-completion-link'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.studyAdminCompletion}?orgId=o-1` });
  });

  it('invites the first pack when there is none', async () => {
    setRouterParams({ orgId: 'o-9' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/o-9') return ok(makeOrg('o-9', '璜泾镇党委', 'township'));
      if (call.path === StudyRoutes.packs) return ok({ items: [] });
      return undefined;
    });
    render(<StudyAdminPacksPage />);

    expect(await screen.findByText('还没有学习礼包')).toBeInTheDocument();
    expect(callsTo('GET', OrgRoutes.list)).toHaveLength(0);
  });

  it('shows why the list failed and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([makeOrg('o-1', '武川县委组织部', 'county')]);
      if (call.path !== StudyRoutes.packs) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [] });
    });
    render(<StudyAdminPacksPage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    fireEvent.click(byId('admin-packs-error-retry'));
    await waitFor(() => expect(byId('admin-packs-empty')).toBeInTheDocument());
  });
});
