import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, HttpHeader } from '@pioneer/shared';
import { makeActivityView, makeCheckinView, makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeFlowSendingView, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import ScanMemberPage from './index';

const CODE_1 = 'PK7Q2M9XD.1.1kz3a9.x5F0aQm3Lk';
const CODE_2 = 'PM9XDK7Q2.1.1kz3aa.Lk_2x5F0aQ';
const CHECKIN = '/api/activities/a-1/checkins/by-personal-code';

async function enter(code: string) {
  await typeInto('scan-member-input', code);
  fireEvent.click(byId('scan-member-submit'));
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('ScanMemberPage for an activity', () => {
  beforeEach(() => setRouterParams({ activityId: 'a-1' }));

  it('records each member’s attendance with a fresh client id and keeps the results on screen', async () => {
    fakeApi((call) => {
      if (call.path === '/api/activities/a-1') return ok(makeActivityView({ id: 'a-1', title: '3月主题党日' }));
      if (call.method === 'POST' && call.path === CHECKIN) {
        const name = (call.data as { code: string }).code === CODE_1 ? '王师傅' : '赵大姐';
        return ok({
          repeated: name === '赵大姐',
          checkin: makeCheckinView({
            memberName: name,
            method: 'personal_code',
            anomalies: name === '王师傅' ? ['outside_window'] : [],
          }),
        });
      }
      return undefined;
    });
    render(<ScanMemberPage />);

    expect(await screen.findByText('活动：3月主题党日')).toBeInTheDocument();
    await enter(`  ${CODE_1} `);
    expect(await screen.findByText('王师傅 签到成功')).toBeInTheDocument();
    expect(screen.getByText('不在签到时间内')).toBeInTheDocument();

    await enter(CODE_2);
    expect(await screen.findByText('赵大姐 已经签到过')).toBeInTheDocument();

    const sent = callsTo('POST', CHECKIN);
    expect(sent.map((call) => (call.data as { code: string }).code)).toEqual([CODE_1, CODE_2]);
    expect(sent[0].data).toMatchObject({ direction: 'in' });
    const clientIds = sent.map((call) => (call.data as { clientId: string }).clientId);
    expect(clientIds[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(clientIds[0]).not.toBe(clientIds[1]);
    expect(sent[0].header[HttpHeader.IDEMPOTENCY_KEY]).toBeDefined();
    // Newest first.
    expect(byId('scan-results').textContent?.indexOf('赵大姐')).toBeLessThan(
      byId('scan-results').textContent?.indexOf('王师傅') ?? 0,
    );
    expect(byId('scan-results')).toHaveTextContent('本次已扫 2 人次');
  });

  it('refuses a code that is not a personal code without asking the server', async () => {
    fakeApi((call) => (call.path === '/api/activities/a-1' ? ok(makeActivityView({ id: 'a-1' })) : undefined));
    render(<ScanMemberPage />);

    await enter('BK7Q2M9XD.1.x5F0aQm3Lk_2');

    expect(await screen.findByText(/这不是党员的个人先锋码/)).toBeInTheDocument();
    expect(callsTo('POST', CHECKIN)).toHaveLength(0);
  });

  it('shows the server’s reason for a refused code and is ready for the next one', async () => {
    fakeApi((call) => {
      if (call.path === '/api/activities/a-1') return ok(makeActivityView({ id: 'a-1' }));
      if (call.path === CHECKIN)
        return (call.data as { code: string }).code === CODE_1
          ? failure(ErrorCode.CODE_EXPIRED)
          : ok({ repeated: false, checkin: makeCheckinView({ memberName: '赵大姐' }) });
      return undefined;
    });
    render(<ScanMemberPage />);

    await enter(CODE_1);
    expect(await screen.findByText('二维码已过期，请扫描屏幕上最新的二维码')).toBeInTheDocument();
    await enter(CODE_2);

    expect(await screen.findByText('赵大姐 签到成功')).toBeInTheDocument();
    expect(screen.getByText('二维码已过期，请扫描屏幕上最新的二维码')).toBeInTheDocument();
  });

  it('records a check-out when the activity has 签退 and the secretary picks it', async () => {
    fakeApi((call) => {
      if (call.path === '/api/activities/a-1') return ok(makeActivityView({ id: 'a-1', checkoutEnabled: true }));
      if (call.path === CHECKIN)
        return ok({
          repeated: false,
          checkin: makeCheckinView({
            memberName: '王师傅',
            checkedOutAt: '2025-03-05T03:05:00.000Z',
            minutes: 123,
          }),
        });
      return undefined;
    });
    render(<ScanMemberPage />);

    fireEvent.click(await screen.findByText('签退'));
    await enter(CODE_1);

    expect(await screen.findByText('王师傅 签退成功')).toBeInTheDocument();
    expect(screen.getByText(/共 123 分钟/)).toBeInTheDocument();
    expect(callsTo('POST', CHECKIN)[0].data).toMatchObject({ direction: 'out' });
  });

  it('asks for a code when the field is empty', async () => {
    fakeApi((call) => (call.path === '/api/activities/a-1' ? ok(makeActivityView({ id: 'a-1' })) : undefined));
    render(<ScanMemberPage />);

    fireEvent.click(await screen.findByText('登记'));

    expect(byId('scan-member-problem')).toHaveTextContent('请粘贴或输入党员的个人先锋码');
  });
});

describe('ScanMemberPage for an arrival', () => {
  beforeEach(() => setRouterParams({ branchId: 'b-2' }));

  function server() {
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-2') return ok(makeOrg('b-2', '璜泾镇流动党员党支部'));
      if (call.method === 'POST' && call.path === CheckinRoutes.arriveByPersonalCode)
        return ok({
          repeated: false,
          flow: makeFlowSendingView({ memberName: '王师傅', status: 'arrived', sendingBranchName: '东王庄村党支部' }),
        });
      return undefined;
    });
  }

  it('records an arrival at the branch without facts', async () => {
    server();
    render(<ScanMemberPage />);

    expect(await screen.findByText('为党员向“璜泾镇流动党员党支部”报到')).toBeInTheDocument();
    await enter(CODE_1);

    expect(await screen.findByText('王师傅 报到成功')).toBeInTheDocument();
    expect(screen.getByText(/东王庄村党支部 · 已报到，待流入地确认/)).toBeInTheDocument();
    const [sent] = callsTo('POST', CheckinRoutes.arriveByPersonalCode);
    expect(sent.data).toEqual({ code: CODE_1, branchId: 'b-2', clientId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('sends the 四清 facts when filled in, then clears them for the next member', async () => {
    server();
    render(<ScanMemberPage />);

    fireEvent.click(await screen.findByText('填写四清信息（选填）'));
    await typeInto('facts-residence', '璜泾镇杨漕村3组12号');
    await enter(CODE_1);
    expect(byId('scan-member-problem')).toHaveTextContent('请选择预计在本地待多久');
    expect(callsTo('POST', CheckinRoutes.arriveByPersonalCode)).toHaveLength(0);

    await typeInto('facts-occupation', '货车司机');
    fireEvent.click(screen.getByText('半年到1年'));
    fireEvent.click(byId('scan-member-submit'));

    expect(await screen.findByText('王师傅 报到成功')).toBeInTheDocument();
    expect(callsTo('POST', CheckinRoutes.arriveByPersonalCode)[0].data).toMatchObject({
      facts: { residence: '璜泾镇杨漕村3组12号', occupation: '货车司机', stay: '6_to_12_months' },
    });
    await waitFor(() => expect(byId('facts-stay-6_to_12_months')).not.toHaveClass('chip--selected'));
  });
});
