import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CheckinRoutes, ErrorCode, HttpHeader } from '@pioneer/shared';
import { makeActivityView, makeOrg } from '../../../../../test/activity-factories';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams, taroMock } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { Routes } from '../../../../routes';
import { sessionStore } from '../../../../stores/session';
import { isoWithOffset } from './activity-form';
import NewActivityPage from './index';

/** A day that stays in the future. */
const DAY = `${new Date().getFullYear() + 1}-03-05`;

function setInput(id: string, value: string) {
  fireEvent.change(byId(id), { target: { value } });
}

async function fillForm() {
  fireEvent.click(await screen.findByText('主题党日'));
  await typeInto('activity-title', '3月主题党日');
  await typeInto('activity-place', '村党群服务中心');
  setInput('activity-date', DAY);
  setInput('activity-start', '09:00');
  setInput('activity-end', '11:00');
}

function checkoutSwitch(): HTMLInputElement {
  const input = byId('activity-checkout').querySelector('input');
  if (!input) throw new Error('no switch input');
  return input;
}

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ branchId: 'b-1' });
});

describe('NewActivityPage', () => {
  it('offers the kinds of 三会一课 and the other activities', async () => {
    fakeApi((call) => (call.path === '/api/orgs/b-1' ? ok(makeOrg('b-1', '东王庄村党支部')) : undefined));
    render(<NewActivityPage />);

    const kinds = await screen.findByText('三会一课');
    expect(kinds).toBeInTheDocument();
    for (const label of [
      '支部党员大会',
      '支部委员会',
      '党小组会',
      '党课',
      '主题党日',
      '志愿服务',
      '节日联谊（乡情恳谈会）',
    ])
      expect(screen.getByText(label)).toBeInTheDocument();
    expect(screen.getByText(/为东王庄村党支部发起一次活动/)).toBeInTheDocument();
  });

  it('starts on the kind given in the link (返乡补学 from the holidays list), and ignores an unknown one', async () => {
    fakeApi((call) => (call.path === '/api/orgs/b-1' ? ok(makeOrg('b-1', '东王庄村党支部')) : undefined));
    setRouterParams({ branchId: 'b-1', kind: 'catch_up_class' });
    const { unmount } = render(<NewActivityPage />);
    await screen.findByText('三会一课');
    expect(byId('activity-kind-catch_up_class')).toHaveClass('chip--selected');
    unmount();

    setRouterParams({ branchId: 'b-1', kind: 'party' });
    render(<NewActivityPage />);
    await screen.findByText('三会一课');
    expect(document.querySelectorAll('#activity-kind .chip--selected')).toHaveLength(0);
  });

  it('says in Chinese what is missing and sends nothing', async () => {
    fakeApi((call) => (call.path === '/api/orgs/b-1' ? ok(makeOrg('b-1', '东王庄村党支部')) : undefined));
    render(<NewActivityPage />);

    fireEvent.click(await screen.findByText('发起活动', { selector: '#activity-submit' }));
    expect(byId('activity-error')).toHaveTextContent('请选择活动类型');

    fireEvent.click(screen.getByText('党课'));
    await typeInto('activity-title', '党课');
    await typeInto('activity-place', '会议室');
    setInput('activity-date', DAY);
    setInput('activity-start', '10:00');
    setInput('activity-end', '09:00');
    fireEvent.click(byId('activity-submit'));

    expect(byId('activity-error')).toHaveTextContent('结束时间要晚于开始时间');
    expect(callsTo('POST', CheckinRoutes.activities)).toHaveLength(0);
  });

  it('creates the activity for the branch and opens it', async () => {
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.method === 'POST' && call.path === CheckinRoutes.activities) return ok(makeActivityView({ id: 'a-7' }));
      return undefined;
    });
    render(<NewActivityPage />);

    await fillForm();
    expect(checkoutSwitch().checked).toBe(false);
    fireEvent.click(byId('activity-submit'));

    await waitFor(() =>
      expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: `${Routes.secretaryActivity}?id=a-7` }),
    );
    const [sent] = callsTo('POST', CheckinRoutes.activities);
    expect(sent.data).toEqual({
      branchId: 'b-1',
      kind: 'theme_day',
      title: '3月主题党日',
      place: '村党群服务中心',
      startsAt: isoWithOffset(DAY, '09:00'),
      endsAt: isoWithOffset(DAY, '11:00'),
      checkoutEnabled: false,
    });
    expect(sent.header[HttpHeader.IDEMPOTENCY_KEY]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('turns 签退 on for volunteer service and lets the secretary turn it off', async () => {
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.method === 'POST' && call.path === CheckinRoutes.activities) return ok(makeActivityView({ id: 'a-8' }));
      return undefined;
    });
    render(<NewActivityPage />);

    await fillForm();
    fireEvent.click(screen.getByText('志愿服务'));
    await waitFor(() => expect(checkoutSwitch().checked).toBe(true));
    fireEvent.click(checkoutSwitch());
    fireEvent.click(byId('activity-submit'));

    await waitFor(() => expect(callsTo('POST', CheckinRoutes.activities)).toHaveLength(1));
    expect(callsTo('POST', CheckinRoutes.activities)[0].data).toMatchObject({
      kind: 'volunteer_service',
      checkoutEnabled: false,
    });
  });

  it('records the venue position when asked', async () => {
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.method === 'POST' && call.path === CheckinRoutes.activities) return ok(makeActivityView({ id: 'a-9' }));
      return undefined;
    });
    taroMock.getLocation.mockResolvedValue({ latitude: 31.6, longitude: 121.1, accuracy: 20, errMsg: 'ok' });
    render(<NewActivityPage />);

    await fillForm();
    fireEvent.click(byId('activity-location-take'));
    expect(await screen.findByText('已记录当前位置')).toBeInTheDocument();
    fireEvent.click(byId('activity-submit'));

    await waitFor(() => expect(callsTo('POST', CheckinRoutes.activities)).toHaveLength(1));
    expect(callsTo('POST', CheckinRoutes.activities)[0].data).toMatchObject({ location: { lat: 31.6, lng: 121.1 } });
  });

  it('shows the server’s refusal and stays on the form', async () => {
    fakeApi((call) => {
      if (call.path === '/api/orgs/b-1') return ok(makeOrg('b-1', '东王庄村党支部'));
      if (call.method === 'POST' && call.path === CheckinRoutes.activities) return failure(ErrorCode.FORBIDDEN);
      return undefined;
    });
    render(<NewActivityPage />);

    await fillForm();
    fireEvent.click(byId('activity-submit'));

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
  });
});
