import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FLOW_STATUSES, OrgRoutes, type LedgerRollupView, type OrgView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import RollupPage from './index';

function org(id: string, name: string, level: OrgView['level'] = 'township'): OrgView {
  return {
    id,
    parentId: null,
    level,
    kind: 'regular',
    name,
    regionCode: null,
    address: null,
    location: null,
    secretaryName: null,
    activityDay: null,
    foundingOrgId: null,
    trail: [name],
  };
}

function rollup(orgId: string, orgName: string): LedgerRollupView {
  const counts = (nonZero: Record<string, number>) =>
    FLOW_STATUSES.map((status) => ({ status, count: nonZero[status] ?? 0 }));
  return {
    orgId,
    orgName,
    outflowByStatus: counts({ active: 12, reported: 3 }),
    inflowByStatus: counts({}),
    outflowByDestination: [
      { regionCode: '320585', count: 8 },
      { regionCode: null, count: 2 },
    ],
    outflowByIndustry: [{ industry: '交通运输', count: 6 }],
    totalMembers: 120,
    unclearMembers: 7,
  };
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('RollupPage', () => {
  it('shows the first own org’s counts as bars, leaving out empty statuses', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([org('o-1', '西村乡党委'), org('o-2', '城关镇党委')]);
      if (call.path === '/api/ledgers/rollup/o-1') return ok(rollup('o-1', '西村乡党委'));
      if (call.path === '/api/orgs/o-1/children') return ok([org('b-1', '东王庄村党支部', 'branch')]);
      return undefined;
    });
    render(<RollupPage />);

    expect(await screen.findByText('120')).toBeInTheDocument();
    expect(byId('rollup-unclear-members')).toHaveTextContent('7');
    expect(byId('rollup-outflow-status-active')).toHaveTextContent('双向共管中12');
    expect(document.getElementById('rollup-outflow-status-returned')).toBeNull();
    expect(byId('rollup-inflow-status-empty')).toHaveTextContent('暂无流入记录');
    expect(byId('rollup-destination-none')).toHaveTextContent('未填写2');
    expect(byId('rollup-industry')).toHaveTextContent('交通运输6');
    expect(await screen.findByText('东王庄村党支部')).toBeInTheDocument();
  });

  it('switches between the caller’s orgs and drills down to a child org', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([org('o-1', '西村乡党委'), org('o-2', '城关镇党委')]);
      const match = /^\/api\/ledgers\/rollup\/(.+)$/.exec(call.path);
      if (match) return ok(rollup(match[1], match[1] === 'o-1' ? '西村乡党委' : '城关镇党委'));
      if (call.path === '/api/orgs/o-1/children') return ok([]);
      if (call.path === '/api/orgs/o-2/children') return ok([org('b-9', '北关村党支部', 'branch')]);
      return undefined;
    });
    render(<RollupPage />);

    await screen.findByText('120');
    fireEvent.click(byId('rollup-orgs-o-2'));

    expect(await screen.findByText('北关村党支部')).toBeInTheDocument();
    expect(callsTo('GET', '/api/ledgers/rollup/o-2')).toHaveLength(1);
    fireEvent.click(screen.getByText('北关村党支部'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.orgRollup}?orgId=b-9` });
  });

  it('uses the org named in the page query', async () => {
    setRouterParams({ orgId: 'b-9' });
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-9') return ok(org('b-9', '北关村党支部', 'branch'));
      if (call.path === '/api/ledgers/rollup/b-9') return ok(rollup('b-9', '北关村党支部'));
      if (call.path === '/api/orgs/b-9/children') return ok([]);
      return undefined;
    });
    render(<RollupPage />);

    expect(await screen.findByText('120')).toBeInTheDocument();
    expect(byId('rollup-org-name')).toHaveTextContent('北关村党支部');
    expect(callsTo('GET', OrgRoutes.list)).toHaveLength(0);
  });

  it('downloads the export with the login and opens it', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([org('o-1', '西村乡党委')]);
      if (call.path === '/api/ledgers/rollup/o-1') return ok(rollup('o-1', '西村乡党委'));
      if (call.path === '/api/orgs/o-1/children') return ok([]);
      return undefined;
    });
    taroMock.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:export', errMsg: 'ok' });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<RollupPage />);

    fireEvent.click(await screen.findByText('导出台账（Excel）'));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(taroMock.downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/ledgers/export/o-1.xlsx' }),
    );
    const [{ header }] = taroMock.downloadFile.mock.calls[0] as [{ header: Record<string, string> }];
    expect(header.Authorization).toMatch(/^Bearer /);
    click.mockRestore();
  });
});
