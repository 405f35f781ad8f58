import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PairingRoutes, type ContactLogEntry, type MemberPairingView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { pathOf } from '../../../../services/path';
import { sessionStore } from '../../../../stores/session';
import PairingMemberPage from './index';

const memberPath = pathOf(PairingRoutes.member, { memberId: 'm-1' });
const contactsPath = pathOf(PairingRoutes.contacts, { memberId: 'm-1' });

function view(canLog: boolean): MemberPairingView {
  return {
    memberId: 'm-1',
    memberName: '李建国',
    branchId: 'b-1',
    current: {
      id: 'p-1',
      memberId: 'm-1',
      memberName: '李建国',
      branchId: 'b-1',
      committeeAccountId: 'a-1',
      committeeName: '张支委',
      since: '2026-01-05T02:00:00Z',
      abroad: false,
      lastContactAt: null,
      nextDueOn: '2026-02-05',
      overdue: true,
      endedAt: null,
      endReason: null,
    },
    past: [],
    canLog,
  };
}

const entry: ContactLogEntry = {
  id: 'c-1',
  memberId: 'm-1',
  method: 'visit',
  reached: true,
  contactedAt: '2026-02-01T02:00:00Z',
  note: '在上海七宝镇务工',
  nextContactOn: null,
  byAccountId: 'a-1',
  byName: '张支委',
  createdAt: '2026-02-01T02:00:00Z',
};

beforeEach(() => {
  sessionStore.clear();
  setRouterParams({ memberId: 'm-1' });
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: ['branch_committee'] }) })));
});

describe('PairingMemberPage', () => {
  it('shows the overdue pairing and the log, and logs a contact with what was chosen', async () => {
    fakeApi((call) => {
      if (call.path === memberPath) return ok(view(true));
      if (call.path === contactsPath && call.method === 'GET') return ok({ items: [entry] });
      if (call.path === contactsPath && call.method === 'POST') return ok({ ...entry, id: 'c-2' }, 201);
      return undefined;
    });
    render(<PairingMemberPage />);
    expect(await screen.findByText('联系已逾期（应在 2026-02-05 前联系）')).toBeInTheDocument();
    expect(await screen.findByText('在上海七宝镇务工')).toBeInTheDocument();
    expect(byId('contact-c-1')).toHaveTextContent('走访');

    fireEvent.click(byId('log-submit'));
    expect(byId('log-problem')).toHaveTextContent('请选择联系方式');
    expect(callsTo('POST', contactsPath)).toHaveLength(0);

    fireEvent.click(byId('log-method-wechat'));
    fireEvent.click(byId('log-reached-no'));
    await typeInto('log-note', '  微信未回复  ');
    fireEvent.click(byId('log-submit'));
    await waitFor(() => expect(callsTo('POST', contactsPath)).toHaveLength(1));
    const sent = callsTo('POST', contactsPath)[0].data as Record<string, unknown>;
    expect(sent).toMatchObject({ method: 'wechat', reached: false, note: '微信未回复' });
    expect(typeof sent.contactedAt).toBe('string');
    await waitFor(() => expect(callsTo('GET', contactsPath).length).toBeGreaterThanOrEqual(2));
  });

  it('does not offer the log to a committee member not paired with the member', async () => {
    fakeApi((call) => (call.path === memberPath ? ok(view(false)) : undefined));
    render(<PairingMemberPage />);
    expect(await screen.findByText('您没有与这位党员结对')).toBeInTheDocument();
    expect(document.getElementById('log-form')).toBeNull();
    expect(callsTo('GET', contactsPath)).toHaveLength(0);
  });
});
