import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  CheckinRoutes,
  ERROR_MESSAGES,
  ErrorCode,
  FlowRoutes,
  IDEMPOTENCY_KEY_PATTERN,
  type ArrivalRequest,
} from '@pioneer/shared';
import { callsTo, fakeApi, type SentCall } from '../../../../../test/api';
import { makeAccount, makeFlowListItem, makeSession } from '../../../../../test/factories';
import { makeArrivalResult, makeBranchSummary, makeFlowSelfView } from '../../../../../test/member-factories';
import { failure, networkDown, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { checkinQueue } from '../../../../services/checkin-queue';
import { sessionStore } from '../../../../stores/session';
import ArrivalPage from './index';
import { arrivalFactsFrom, stayUntil } from './arrival-form';

const CODE = 'BK7Q2M9XD.1.x5F0aQm3Lk_2';

function logIn(memberId: string | null = 'm-1') {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ id: 'acc-1', memberId }) })));
}

const branch = makeBranchSummary({ name: '璜泾镇流动党员党支部', parentNames: ['太仓市', '璜泾镇党委'] });

/** The server: the code is this branch's; the member has an approved outflow report, unless told otherwise. */
function server(answer: (call: SentCall) => ReturnType<typeof ok> | undefined = () => undefined, withFlow = true) {
  fakeApi((call) => {
    const answered = answer(call);
    if (answered) return answered;
    if (call.path === CheckinRoutes.resolve) return ok({ kind: 'branch', branch });
    if (withFlow && call.path === FlowRoutes.list) {
      return ok({ items: [makeFlowListItem({ id: 'flow-9', side: 'self', status: 'approved' })] });
    }
    if (withFlow && call.path === '/api/flows/flow-9') {
      return ok(
        makeFlowSelfView({
          id: 'flow-9',
          status: 'approved',
          destinationAddress: '太仓市璜泾镇新港花园',
          employer: '个体',
          occupation: '货车司机',
          industry: '交通运输',
          expectedUntil: null,
        }),
      );
    }
    return undefined;
  });
}

const arrivals = () => callsTo('POST', CheckinRoutes.arrive).map((call) => call.data as ArrivalRequest);

beforeEach(() => {
  sessionStore.clear();
  setRouterParams({ code: encodeURIComponent(CODE) });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('ArrivalPage', () => {
  it('shows which branch this is, fills the form from the outflow report and reports in', async () => {
    logIn();
    server((call) => (call.path === CheckinRoutes.arrive ? ok(makeArrivalResult(), 201) : undefined));
    render(<ArrivalPage />);

    expect(await screen.findByText('璜泾镇流动党员党支部')).toBeInTheDocument();
    expect(byId('arrival-branch-parents')).toHaveTextContent('太仓市 · 璜泾镇党委');
    expect(byId('arrival-branch-address')).toHaveTextContent('江苏省太仓市璜泾镇党群服务中心');
    expect(callsTo('POST', CheckinRoutes.resolve)[0].data).toEqual({ code: CODE });
    expect(await screen.findByText(/已按您的外出报告填好/)).toBeInTheDocument();

    fireEvent.click(screen.getByText('1年以上'));
    fireEvent.click(screen.getByText('确认报到'));

    expect(await screen.findByText('报到成功')).toBeInTheDocument();
    const [sent] = arrivals();
    expect(sent).toEqual({
      code: CODE,
      clientId: expect.stringMatching(IDEMPOTENCY_KEY_PATTERN),
      facts: {
        residence: '太仓市璜泾镇新港花园',
        employer: '个体',
        occupation: '货车司机',
        industry: '交通运输',
        stay: 'over_1_year',
      },
    });
    expect(byId('arrival-done-status')).toHaveTextContent('已报到，待流入地确认');
    expect(byId('arrival-steps-left')).toHaveAttribute('data-state', 'done');
    expect(byId('arrival-steps-arrived')).toHaveAttribute('data-state', 'current');
    expect(byId('arrival-steps-active')).toHaveAttribute('data-state', 'todo');
    fireEvent.click(screen.getByText('回到首页'));
    expect(taroMock.reLaunch).toHaveBeenCalledWith({ url: Routes.home });
  });

  it('says so when the member had already reported here', async () => {
    logIn();
    server((call) =>
      call.path === CheckinRoutes.arrive
        ? ok(makeArrivalResult({ repeated: true, flow: makeFlowSelfView({ status: 'active' }) }))
        : undefined,
    );
    render(<ArrivalPage />);

    await typeInto('arrival-residence', '璜泾镇');
    fireEvent.click(await screen.findByText('3个月以内'));
    fireEvent.click(screen.getByText('确认报到'));

    expect(await screen.findByText('您已向这里报到过')).toBeInTheDocument();
    expect(byId('arrival-done-status')).toHaveTextContent('双向共管中');
    expect(byId('arrival-steps-active')).toHaveAttribute('data-state', 'done');
  });

  it('asks for where the member lives and how long they stay before sending anything', async () => {
    logIn();
    server(undefined, false);
    render(<ArrivalPage />);
    await screen.findByText('璜泾镇流动党员党支部');

    fireEvent.click(screen.getByText('确认报到'));
    expect(await screen.findByText('请填写现在住在哪里')).toBeInTheDocument();

    await typeInto('arrival-residence', '璜泾镇');
    fireEvent.click(screen.getByText('确认报到'));
    expect(await screen.findByText('请选择准备在这里待多久')).toBeInTheDocument();
    expect(arrivals()).toHaveLength(0);
  });

  it('shows the message of a refused arrival and keeps the form', async () => {
    logIn();
    server((call) => (call.path === CheckinRoutes.arrive ? failure(ErrorCode.FLOW_WRONG_STATE) : undefined));
    render(<ArrivalPage />);

    await typeInto('arrival-residence', '璜泾镇');
    fireEvent.click(await screen.findByText('半年到1年'));
    fireEvent.click(screen.getByText('确认报到'));

    expect(await screen.findByText(ERROR_MESSAGES.FLOW_WRONG_STATE)).toBeInTheDocument();
    await waitFor(() => expect(byId('arrival-submit')).toHaveTextContent('确认报到'));
    expect(document.getElementById('arrival-form')).not.toBeNull();
  });

  it('shows a code the server refuses with its message and offers to scan again', async () => {
    logIn();
    server((call) => (call.path === CheckinRoutes.resolve ? failure(ErrorCode.CODE_FORGED) : undefined));
    render(<ArrivalPage />);

    expect(await screen.findByText(ERROR_MESSAGES.CODE_FORGED)).toBeInTheDocument();
    expect(document.getElementById('arrival-form')).toBeNull();
    fireEvent.click(screen.getByText('重新扫码'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.scan });
  });

  it('keeps the arrival on the phone with its clientId when the server cannot be reached', async () => {
    jest.useFakeTimers();
    logIn();
    fakeApi(() => {
      throw networkDown();
    });
    render(<ArrivalPage />);

    expect(await screen.findByText(/暂时查不到是哪个党组织/, undefined, { timeout: 5000 })).toBeInTheDocument();
    await typeInto('arrival-residence', '璜泾镇');
    fireEvent.click(screen.getByText('1年以上'));
    fireEvent.click(screen.getByText('确认报到'));
    await act(() => jest.runAllTimersAsync());

    expect(await screen.findByText('已保存，联网后自动提交')).toBeInTheDocument();
    const attempts = arrivals();
    expect(attempts.length).toBeGreaterThan(1);
    expect(new Set(attempts.map((request) => request.clientId)).size).toBe(1);
    expect(checkinQueue.pending()).toEqual([
      expect.objectContaining({ kind: 'arrival', clientId: attempts[0].clientId, request: attempts[0] }),
    ]);
  });

  it('sends a member who is not bound yet to binding instead of asking the server', () => {
    logIn(null);
    render(<ArrivalPage />);

    expect(screen.getByText('请先绑定党员档案')).toBeInTheDocument();
    fireEvent.click(screen.getByText('去绑定党员档案'));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: Routes.me });
    expect(taroMock.request).not.toHaveBeenCalled();
  });

  it('points to 签到 when the code is an activity’s', () => {
    logIn();
    const activity = 'AK7Q2M9XD.2kz3a9.x5F0aQm3Lk';
    setRouterParams({ code: activity });
    render(<ArrivalPage />);

    fireEvent.click(screen.getByText('去签到'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({
      url: `${Routes.memberCheckin}?code=${encodeURIComponent(activity)}`,
    });
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});

describe(arrivalFactsFrom.name, () => {
  it('trims and leaves out the optional facts that are empty', () => {
    expect(
      arrivalFactsFrom({
        residence: ' 璜泾镇 ',
        employer: ' ',
        occupation: '电工',
        industry: '',
        stay: '3_to_6_months',
      }),
    ).toEqual({ residence: '璜泾镇', occupation: '电工', stay: '3_to_6_months' });
  });
});

describe(stayUntil.name, () => {
  const today = new Date('2025-03-01T10:00:00');
  it.each([
    [null, ''],
    ['2025-02-01', ''],
    ['2025-04-30', 'under_3_months'],
    ['2025-07-31', '3_to_6_months'],
    ['2025-12-31', '6_to_12_months'],
    ['2026-12-31', 'over_1_year'],
  ])('reads an expected return on %s as %j', (until, stay) => {
    expect(stayUntil(until, today)).toBe(stay);
  });
});
