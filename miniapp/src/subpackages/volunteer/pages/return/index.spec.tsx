import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import ReturnPledgePage from './index';

const NONE = { active: false, preferredRole: null, note: null, since: null };
const ACTIVE = {
  active: true,
  preferredRole: 'reserve_cadre',
  note: '愿意回村带领大家搞水电维修合作社',
  since: '2026-11-20T02:00:00.000Z',
};

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('ReturnPledgePage', () => {
  it('takes a pledge with a role and a note', async () => {
    fakeApi((call) => (call.method === 'GET' ? ok(NONE) : ok(ACTIVE)));
    render(<ReturnPledgePage />);

    fireEvent.click(await screen.findByText('我愿意回乡服务'));
    expect(byId('return-problem')).toHaveTextContent('请选一个您愿意做的事');
    fireEvent.click(byId('return-role-reserve_cadre'));
    await typeInto('return-note', '愿意回村带领大家搞水电维修合作社');
    fireEvent.click(byId('return-submit'));
    await waitFor(() => expect(byId('return-active')).toHaveTextContent('您已登记回乡服务意愿'));
    expect(callsTo('PUT', '/api/volunteer/me/return')[0].data).toEqual({
      preferredRole: 'reserve_cadre',
      note: '愿意回村带领大家搞水电维修合作社',
    });
    expect(byId('return-active-role')).toHaveTextContent('村（社区）后备干部');
  });

  it('withdraws a pledge, back to the form', async () => {
    fakeApi((call) => (call.method === 'GET' ? ok(ACTIVE) : ok(NONE)));
    render(<ReturnPledgePage />);
    fireEvent.click(await screen.findByText('撤回意愿'));
    expect(await screen.findByText('我愿意回乡服务')).toBeInTheDocument();
    expect(callsTo('DELETE', '/api/volunteer/me/return')).toHaveLength(1);
  });

  it('edits a pledge, filled in as it was', async () => {
    fakeApi((call) => (call.method === 'GET' ? ok(ACTIVE) : ok({ ...ACTIVE, preferredRole: 'advisor' })));
    render(<ReturnPledgePage />);
    fireEvent.click(await screen.findByText('修改'));
    expect(byId('return-role-reserve_cadre')).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(byId('return-role-advisor'));
    fireEvent.click(byId('return-submit'));
    await waitFor(() => expect(byId('return-active-role')).toHaveTextContent('建言献策'));
  });

  it('says why the pledge did not load, and retries', async () => {
    let attempts = 0;
    fakeApi(() => {
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN, '没有权限') : ok(NONE);
    });
    render(<ReturnPledgePage />);
    expect(await screen.findByText('没有权限')).toBeInTheDocument();
    fireEvent.click(byId('return-error-retry'));
    expect(await screen.findByText('我愿意回乡服务')).toBeInTheDocument();
  });

  it('asks an account not on the roster to bind first, without asking the server', () => {
    act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: null }) })));
    render(<ReturnPledgePage />);
    expect(byId('return-unbound')).toBeInTheDocument();
  });
});
