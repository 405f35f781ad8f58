import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, FlowRoutes, OutflowRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession } from '../../../../../test/factories';
import { makeFlowSelfView } from '../../../../../test/outflow-factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import ReturnPage from './index';
import { EMPTY_RETURN_FORM, returnRequestFrom } from './return-form';

const returnsPath = OutflowRoutes.returns.replace(':id', 'flow-9');
const pickDate = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
  setRouterParams({ flowId: 'flow-9' });
});

describe('ReturnPage', () => {
  it('records a holiday stay with its dates and occasion', async () => {
    const flow = makeFlowSelfView({ id: 'flow-9', status: 'active', version: 4 });
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/flows/flow-9') return ok(flow);
      if (call.method === 'POST' && call.path === returnsPath)
        return ok(
          {
            flow,
            homeStay: {
              id: 's1',
              flowId: 'flow-9',
              homeFrom: '2099-01-25',
              homeUntil: '2099-02-10',
              occasion: 'spring_festival',
              note: null,
              recordedBy: 'member',
              createdAt: '2099-01-01T00:00:00.000Z',
            },
          },
          201,
        );
      return undefined;
    });
    render(<ReturnPage />);

    fireEvent.click(await screen.findByText('临时返乡（节假日）'));
    fireEvent.click(screen.getByText('中秋'));
    pickDate('return-from', '2099-01-25');
    pickDate('return-until', '2099-02-10');
    fireEvent.click(screen.getByText('提交返乡登记'));

    expect(await screen.findByText('返乡登记已提交')).toBeInTheDocument();
    expect(byId('return-done-text')).toHaveTextContent('2099-01-25 至 2099-02-10');
    expect(callsTo('POST', returnsPath)[0].data).toEqual({
      kind: 'holiday',
      homeFrom: '2099-01-25',
      homeUntil: '2099-02-10',
      occasion: 'mid_autumn',
    });
  });

  it('records a return for good with the version seen, and shows the server’s refusal', async () => {
    fakeApi((call) => {
      if (call.path === '/api/flows/flow-9')
        return ok(makeFlowSelfView({ id: 'flow-9', status: 'arrived', version: 3 }));
      if (call.path === returnsPath) return failure(ErrorCode.FLOW_WRONG_STATE, '当前状态为“已返乡”，不能返乡登记');
      return undefined;
    });
    render(<ReturnPage />);

    fireEvent.click(await screen.findByText('返乡，不再外出'));
    expect(byId('return-permanent-hint')).toBeInTheDocument();
    fireEvent.click(screen.getByText('提交返乡登记'));

    expect(await screen.findByText('当前状态为“已返乡”，不能返乡登记')).toBeInTheDocument();
    expect(callsTo('POST', returnsPath)[0].data).toEqual({ kind: 'permanent', expectedVersion: 3 });
  });

  it('says there is nothing to record while the report waits for approval', async () => {
    fakeApi((call) =>
      call.path === '/api/flows/flow-9' ? ok(makeFlowSelfView({ id: 'flow-9', status: 'reported' })) : undefined,
    );
    render(<ReturnPage />);
    expect(await screen.findByText('现在不需要返乡登记')).toBeInTheDocument();
  });

  it('finds the member’s current flow when opened without one', async () => {
    setRouterParams({});
    fakeApi((call) => (call.path === FlowRoutes.list ? ok({ items: [] }) : undefined));
    render(<ReturnPage />);
    expect(await screen.findByText('现在不需要返乡登记')).toBeInTheDocument();
  });
});

describe(returnRequestFrom.name, () => {
  const holiday = { ...EMPTY_RETURN_FORM, kind: 'holiday' as const, homeFrom: '2026-01-25', homeUntil: '2026-02-10' };

  it.each([
    [{ kind: null }, '请选择临时返乡还是返乡不再外出'],
    [{ homeFrom: '' }, '请选择到家日期'],
    [{ homeUntil: '2026-01-20' }, '离家日期不能早于到家日期'],
    [{ homeUntil: '2026-06-30' }, '临时返乡最长 90 天；如果不再外出，请选择“返乡，不再外出”'],
  ])('refuses %j with “%s”', (change, message) => {
    expect(returnRequestFrom({ ...holiday, ...change }, '2026-01-01')).toBe(message);
  });

  it('refuses a stay that is already over', () => {
    expect(returnRequestFrom(holiday, '2026-03-01')).toBe('离家日期已经过去，不用再登记');
  });

  it('sends only the kind and a trimmed note for a return for good', () => {
    expect(returnRequestFrom({ ...holiday, kind: 'permanent', note: ' 回乡创业 ' }, '2026-01-01')).toEqual({
      kind: 'permanent',
      note: '回乡创业',
    });
  });
});
