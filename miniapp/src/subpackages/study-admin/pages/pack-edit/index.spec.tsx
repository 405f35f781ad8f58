import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StudyRoutes, type CreateStudyPackRequest } from '@pioneer/shared';
import { makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { makeStudyPackView } from '../../../../../test/study-factories';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import StudyPackEditPage from './index';

function orgs() {
  return (path: string) => {
    if (path === '/api/orgs/o-1') return ok(makeOrg('o-1', '武川县委组织部', 'county'));
    if (path === '/api/orgs/o-1/children')
      return ok([makeOrg('t-1', '可镇党委', 'township'), makeOrg('g-1', '第一党小组', 'group')]);
    return undefined;
  };
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('StudyPackEditPage', () => {
  it('creates a monthly pack for the chosen org and scope, then opens it', async () => {
    setRouterParams({ orgId: 'o-1' });
    const answer = orgs();
    fakeApi((call) => {
      if (call.method === 'POST' && call.path === StudyRoutes.packs) return ok(makeStudyPackView({ id: 'p-new' }), 201);
      return answer(call.path);
    });
    render(<StudyPackEditPage />);

    expect(await screen.findByText('可镇党委')).toBeInTheDocument();
    expect(screen.queryByText('第一党小组')).toBeNull();
    fireEvent.click(screen.getByText('保存，下一步添加内容'));
    expect(await screen.findByText('请填写礼包名称')).toBeInTheDocument();

    await typeInto('pack-title', '2025年4月学习礼包');
    await typeInto('pack-summary', '学习党章总纲');
    fireEvent.change(byId('pack-month'), { target: { value: '2025-04' } });
    fireEvent.click(byId('pack-audience-org-t-1'));
    fireEvent.click(screen.getByText('其中外出的流动党员'));
    fireEvent.click(screen.getByText('保存，下一步添加内容'));

    await waitFor(() => expect(callsTo('POST', StudyRoutes.packs)).toHaveLength(1));
    const [sent] = callsTo('POST', StudyRoutes.packs);
    expect(sent.data as CreateStudyPackRequest).toEqual({
      kind: 'monthly',
      title: '2025年4月学习礼包',
      summary: '学习党章总纲',
      month: '2025-04',
      audience: { orgId: 't-1', scope: 'members_away' },
    });
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.studyAdminPack}?id=p-new` });
  });

  it('sends no month for a themed pack', async () => {
    setRouterParams({ orgId: 'o-1' });
    const answer = orgs();
    fakeApi((call) => {
      if (call.method === 'POST' && call.path === StudyRoutes.packs) return ok(makeStudyPackView({ id: 'p-new' }), 201);
      return answer(call.path);
    });
    render(<StudyPackEditPage />);

    fireEvent.click(await screen.findByText('专题礼包'));
    expect(document.getElementById('pack-month')).toBeNull();
    await typeInto('pack-title', '专题：乡村振兴');
    fireEvent.click(screen.getByText('保存，下一步添加内容'));

    await waitFor(() => expect(callsTo('POST', StudyRoutes.packs)).toHaveLength(1));
    expect(callsTo('POST', StudyRoutes.packs)[0].data).toEqual({
      kind: 'themed',
      title: '专题：乡村振兴',
      audience: { orgId: 'o-1', scope: 'members' },
    });
  });

  it('changes a draft and goes back', async () => {
    setRouterParams({ id: 'p-1' });
    const answer = orgs();
    const pack = makeStudyPackView({
      id: 'p-1',
      ownerOrgId: 'o-1',
      audience: { orgId: 'o-1', scope: 'members_away' },
      title: '3月学习礼包',
      month: '2025-03',
    });
    fakeApi((call) => {
      if (call.path === '/api/study/packs/p-1')
        return call.method === 'PATCH' ? ok({ ...pack, title: '3月学习礼包（修订）' }) : ok(pack);
      return answer(call.path);
    });
    render(<StudyPackEditPage />);

    expect(await screen.findByText('修改学习礼包')).toBeInTheDocument();
    expect(byId('pack-scope-members_away')).toHaveAttribute('aria-selected', 'true');
    await typeInto('pack-title', '3月学习礼包（修订）');
    fireEvent.click(screen.getByText('保存修改'));

    await waitFor(() => expect(taroMock.navigateBack).toHaveBeenCalled());
    expect(callsTo('PATCH', '/api/study/packs/p-1')[0].data).toMatchObject({
      title: '3月学习礼包（修订）',
      month: '2025-03',
      audience: { orgId: 'o-1', scope: 'members_away' },
    });
    expect(taroMock.navigateBack).toHaveBeenCalled();
  });
});
