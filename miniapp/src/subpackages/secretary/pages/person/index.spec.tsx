import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, Role, type MemberReceivingView, type PersonFileView } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeMemberSendingView, makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import PersonPage from './index';

const member = makeMemberSendingView({ id: 'm-1', name: '王建军' });

const personFile: PersonFileView = {
  member,
  facts: [
    {
      fact: 'identity',
      label: '基本情况',
      state: 'clear',
      confirmedAt: '2025-01-02T00:00:00Z',
      confirmedByName: '王红',
    },
    { fact: 'time', label: '流动时间', state: 'stale', confirmedAt: '2024-01-02T00:00:00Z', confirmedByName: '王红' },
    { fact: 'whereabouts', label: '流动去向', state: 'missing', confirmedAt: null, confirmedByName: null },
    { fact: 'work', label: '从事行业', state: 'clear', confirmedAt: '2025-01-02T00:00:00Z', confirmedByName: '王红' },
  ],
  flows: [],
};

function logIn(roles: Role[] = [Role.BRANCH_SECRETARY]) {
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles }) })));
}

beforeEach(() => {
  sessionStore.clear();
  setRouterParams({ id: 'm-1' });
});

describe('PersonPage', () => {
  it('shows the sending side masked values, and the full ones only after asking, with the audit note', async () => {
    logIn();
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok(personFile);
      if (call.method === 'POST' && call.path === '/api/members/m-1/reveal')
        return ok({ id: 'm-1', idNumber: '410821198005011232', phone: '13812345678' });
      return undefined;
    });
    render(<PersonPage />);

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(byId('person-id-number')).toHaveTextContent('4*****************2');
    expect(screen.queryByText('410821198005011232')).toBeNull();
    expect(callsTo('POST', '/api/members/m-1/reveal')).toHaveLength(0);

    fireEvent.click(screen.getByText('查看完整信息'));

    expect(await screen.findByText('410821198005011232')).toBeInTheDocument();
    expect(byId('reveal-phone')).toHaveTextContent('13812345678');
    expect(byId('reveal-audit-note')).toHaveTextContent('本次查看已记录');
    expect(callsTo('POST', '/api/members/m-1/reveal')).toHaveLength(1);

    fireEvent.click(screen.getByText('关闭'));
    expect(screen.queryByText('410821198005011232')).toBeNull();
  });

  it('shows the four facts from the person file', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok(personFile);
      return undefined;
    });
    render(<PersonPage />);

    expect(await screen.findByText('流动去向：未核实')).toBeInTheDocument();
    expect(screen.getByText('流动时间：超期未核')).toBeInTheDocument();
  });

  it('says so when the server refuses the reveal', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok(personFile);
      if (call.path === '/api/members/m-1/reveal')
        return failure(ErrorCode.FORBIDDEN, '只有党员所在支部书记或上级组织管理员可以查看完整身份证号和手机号');
      return undefined;
    });
    render(<PersonPage />);

    fireEvent.click(await screen.findByText('查看完整信息'));

    expect(await screen.findByText(/只有党员所在支部书记/)).toBeInTheDocument();
    expect(document.getElementById('reveal-sheet')).toBeNull();
  });

  it('offers no reveal to a committee member', async () => {
    logIn([Role.BRANCH_COMMITTEE]);
    fakeApi((call) => {
      if (call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok(personFile);
      return undefined;
    });
    render(<PersonPage />);

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(screen.queryByText('查看完整信息')).toBeNull();
    await waitFor(() => expect(callsTo('GET', '/api/ledgers/members/m-1/file')).toHaveLength(1));
  });

  it('shows the receiving side only the name, masked phone and home branch, with no reveal', async () => {
    logIn();
    const receiving: MemberReceivingView = {
      side: 'receiving',
      id: 'm-1',
      name: '王建军',
      phoneMasked: '138****5678',
      sendingBranchName: '东王庄村党支部',
    };
    fakeApi((call) => (call.path === '/api/members/m-1' ? ok(receiving) : undefined));
    render(<PersonPage />);

    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(byId('person-sending-branch')).toHaveTextContent('东王庄村党支部');
    expect(screen.queryByText('查看完整信息')).toBeNull();
    expect(document.getElementById('person-id-number')).toBeNull();
    expect(callsTo('GET', '/api/ledgers/members/m-1/file')).toHaveLength(0);
  });

  it('marks a member without a smartphone for the posted study pack, and shows what was stored', async () => {
    logIn();
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok(personFile);
      if (call.method === 'PUT' && call.path === '/api/members/m-1/no-smartphone')
        return ok({ memberId: 'm-1', noSmartphone: (call.data as { noSmartphone: boolean }).noSmartphone });
      return undefined;
    });
    render(<PersonPage />);

    expect(await screen.findByText('通过手机接收每月学习礼包')).toBeInTheDocument();
    fireEvent.click(screen.getByText('标记为无智能手机，改为邮寄'));
    expect(await screen.findByText('已标记为无智能手机：每月学习礼包改为邮寄纸质材料')).toBeInTheDocument();
    expect(callsTo('PUT', '/api/members/m-1/no-smartphone').map((c) => c.data)).toEqual([{ noSmartphone: true }]);
  });

  it('does not offer the postal switch to a committee member', async () => {
    logIn([Role.BRANCH_COMMITTEE]);
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok(personFile);
      return undefined;
    });
    render(<PersonPage />);
    expect(await screen.findByText('王建军')).toBeInTheDocument();
    expect(screen.queryByText('标记为无智能手机，改为邮寄')).toBeNull();
  });
});
