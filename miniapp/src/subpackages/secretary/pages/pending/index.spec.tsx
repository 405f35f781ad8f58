import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, FlowRoutes, type FlowView } from '@pioneer/shared';
import { callsTo, fakeApi, type SentCall } from '../../../../../test/api';
import { makeFlowListItem, makeFlowSendingView, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok, type FakeResponse } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import PendingPage from './index';

/** Answers the three pending lists from `lists` (key: side/status), flow details from `flows`, and actions with `act`. */
function server(
  lists: Record<string, ReturnType<typeof makeFlowListItem>[]>,
  flows: Record<string, FlowView>,
  onAction: (call: SentCall) => FakeResponse = () => failure(ErrorCode.FLOW_WRONG_STATE),
) {
  fakeApi((call) => {
    if (call.method === 'GET' && call.path === FlowRoutes.list)
      return ok({ items: lists[`${call.query.side}/${call.query.status}`] ?? [] });
    const detail = /^\/api\/flows\/([^/]+)$/.exec(call.path);
    if (call.method === 'GET' && detail) return flows[detail[1]] ? ok(flows[detail[1]]) : failure(ErrorCode.NOT_FOUND);
    if (call.method === 'POST' && /^\/api\/flows\/[^/]+\/actions$/.test(call.path)) return onAction(call);
    return undefined;
  });
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('PendingPage', () => {
  it('asks for reported outflows and found members as the sending side, and arrivals as the receiving side', async () => {
    server({}, {});
    render(<PendingPage />);

    expect(await screen.findByText('暂无待办事项')).toBeInTheDocument();
    expect(callsTo('GET', FlowRoutes.list).map((call) => `${call.query.side}/${call.query.status}`)).toEqual([
      'sending/reported',
      'receiving/arrived',
      'sending/found',
    ]);
  });

  it('shows only the buttons the server lists in availableActions', async () => {
    const reported = makeFlowListItem({ id: 'f-1', memberName: '王师傅', status: 'reported' });
    const arrived = makeFlowListItem({ id: 'f-2', memberName: '赵大姐', status: 'arrived', side: 'receiving' });
    server(
      { 'sending/reported': [reported], 'receiving/arrived': [arrived] },
      {
        'f-1': makeFlowSendingView({ id: 'f-1', availableActions: ['approve', 'decline'] }),
        'f-2': makeFlowSendingView({ id: 'f-2', status: 'arrived', availableActions: [] }),
      },
    );
    render(<PendingPage />);

    expect(await screen.findByText('批准外出')).toBeInTheDocument();
    expect(byId('pending-f-1-actions').textContent).toBe('批准外出不予批准');
    await waitFor(() => expect(byId('pending-f-2-actions')).toHaveTextContent('这一项需要对方处理'));
    expect(document.getElementById('pending-f-2-confirm_arrival')).toBeNull();
    expect(screen.queryByText('确认报到')).toBeNull();
    expect(screen.queryByText('标记失联')).toBeNull();
  });

  it('approves with the action and the version it was shown, and marks the item done', async () => {
    server(
      { 'sending/reported': [makeFlowListItem({ id: 'f-1' })] },
      { 'f-1': makeFlowSendingView({ id: 'f-1', version: 3, availableActions: ['approve', 'decline'] }) },
      () => ok(makeFlowSendingView({ id: 'f-1', status: 'approved', version: 4, availableActions: [] })),
    );
    render(<PendingPage />);

    fireEvent.click(await screen.findByText('批准外出'));

    await waitFor(() => expect(byId('pending-f-1-done')).toHaveTextContent('已批准外出'));
    const [approve] = callsTo('POST', '/api/flows/f-1/actions');
    expect(approve.data).toEqual({ action: 'approve', expectedVersion: 3 });
    expect(screen.getByText('已批准外出，尚未报到')).toBeInTheDocument();
    expect(screen.queryByText('不予批准')).toBeNull();
  });

  it('asks for a reason before declining and sends it', async () => {
    server(
      { 'sending/reported': [makeFlowListItem({ id: 'f-1' })] },
      { 'f-1': makeFlowSendingView({ id: 'f-1', version: 2, availableActions: ['approve', 'decline'] }) },
      () => ok(makeFlowSendingView({ id: 'f-1', status: 'declined', availableActions: [] })),
    );
    render(<PendingPage />);

    fireEvent.click(await screen.findByText('不予批准'));
    fireEvent.click(await screen.findByText('确认不予批准'));
    expect(await screen.findByText('请填写理由，党员和对方支部会看到')).toBeInTheDocument();
    expect(callsTo('POST', '/api/flows/f-1/actions')).toHaveLength(0);

    await typeInto('pending-f-1-reason', '去向不明确，请补充地址');
    fireEvent.click(screen.getByText('确认不予批准'));

    await waitFor(() => expect(byId('pending-f-1-done')).toHaveTextContent('已不予批准'));
    expect(callsTo('POST', '/api/flows/f-1/actions')[0].data).toEqual({
      action: 'decline',
      reason: '去向不明确，请补充地址',
      expectedVersion: 2,
    });
  });

  it('accepts an arrival into a party group chosen from the receiving branch', async () => {
    const arrived = makeFlowListItem({ id: 'f-3', status: 'arrived', side: 'receiving' });
    const detail = makeFlowSendingView({
      id: 'f-3',
      status: 'arrived',
      version: 5,
      receivingBranchId: 'b-2',
      availableActions: ['confirm_arrival'],
    });
    fakeApi((call) => {
      if (call.path === FlowRoutes.list)
        return ok({ items: call.query.side === 'receiving' && call.query.status === 'arrived' ? [arrived] : [] });
      if (call.path === '/api/flows/f-3') return ok(detail);
      if (call.path === '/api/orgs/b-2/children')
        return ok([
          { id: 'g-1', name: '第一党小组', level: 'group' },
          { id: 'x-1', name: '某村', level: 'village' },
        ]);
      if (call.path === '/api/flows/f-3/actions') return ok({ ...detail, status: 'active', availableActions: [] });
      return undefined;
    });
    render(<PendingPage />);

    fireEvent.click(await screen.findByText('确认报到'));
    fireEvent.click(await screen.findByText('第一党小组'));
    expect(screen.queryByText('某村')).toBeNull();
    fireEvent.click(byId('pending-f-3-confirm'));

    await waitFor(() => expect(byId('pending-f-3-done')).toHaveTextContent('已确认报到'));
    expect(callsTo('POST', '/api/flows/f-3/actions')[0].data).toEqual({
      action: 'confirm_arrival',
      expectedVersion: 5,
      partyGroupId: 'g-1',
    });
  });

  it('shows the server’s message when the flow moved on meanwhile', async () => {
    server(
      { 'sending/reported': [makeFlowListItem({ id: 'f-1' })] },
      { 'f-1': makeFlowSendingView({ id: 'f-1', availableActions: ['approve', 'decline'] }) },
      () => failure(ErrorCode.CONFLICT),
    );
    render(<PendingPage />);

    fireEvent.click(await screen.findByText('批准外出'));

    expect(await screen.findByText('数据已被修改，请刷新后重试')).toBeInTheDocument();
    expect(document.getElementById('pending-f-1-done')).toBeNull();
  });

  it('offers a retry when the lists cannot be loaded', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== FlowRoutes.list) return undefined;
      attempts += 1;
      return attempts <= 3 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [] });
    });
    render(<PendingPage />);

    fireEvent.click(await screen.findByText('重试'));

    expect(await screen.findByText('暂无待办事项')).toBeInTheDocument();
  });
});
