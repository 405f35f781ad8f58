import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AuditRoutes, type AuditEventView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { reachBottom, setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import AuditPage from './index';

function event(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: 'e-1',
    at: '2025-03-01T02:05:00.000Z',
    actorAccountId: 'acc-1',
    actorKind: 'staff',
    action: 'member.reveal',
    targetType: 'member',
    targetId: '3f2a9c1e-0000-4000-8000-000000000000',
    orgId: 'o-1',
    result: 'ok',
    clientIp: '10.0.0.8',
    details: null,
    ...overrides,
  };
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['org_admin'] }) })));
});

describe('AuditPage', () => {
  it('lists events in Chinese, filters by action and pages with the cursor', async () => {
    setRouterParams({ orgId: 'o-1' });
    fakeApi((call) => {
      if (call.path !== AuditRoutes.list) return undefined;
      if (call.query.cursor === 'c-1') return ok({ items: [event({ id: 'e-2', action: 'ledger.export' })] });
      if (call.query.action === 'flow.transition') return ok({ items: [] });
      return ok({ items: [event()], nextCursor: 'c-1' });
    });
    render(<AuditPage />);

    const first = await waitFor(() => byId('audit-item-e-1'));
    expect(first).toHaveTextContent('查看完整信息');
    expect(first).toHaveTextContent('工作人员 · 党员 3f2a9c1e · 10.0.0.8');
    expect(byId('audit-item-e-1')).toHaveTextContent('成功');

    act(() => reachBottom());
    expect(await waitFor(() => byId('audit-item-e-2'))).toHaveTextContent('导出台账');

    fireEvent.click(byId('audit-filter-flow-transition'));
    expect(await screen.findByText('没有操作记录')).toBeInTheDocument();
    expect(callsTo('GET', AuditRoutes.list).map((call) => call.query)).toEqual([
      { orgId: 'o-1', limit: '30' },
      { orgId: 'o-1', cursor: 'c-1', limit: '30' },
      { orgId: 'o-1', action: 'flow.transition', limit: '30' },
    ]);
  });
});
