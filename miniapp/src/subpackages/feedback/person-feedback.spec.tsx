import { act, render, screen } from '@testing-library/react';
import { ErrorCode, Role } from '@pioneer/shared';
import { fakeApi } from '../../../test/api';
import { makeMemberSendingView, makeSession, makeStaffAccount } from '../../../test/factories';
import { failure, ok } from '../../../test/responses';
import { setRouterParams } from '../../../test/taro-mock';
import { byId } from '../../../test/ui';
import { sessionStore } from '../../stores/session';
import PersonPage from '../secretary/pages/person/index';
import { makeFeedback } from './test-factories';

const member = makeMemberSendingView({ id: 'm-1', name: '王建军' });

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount({ roles: [Role.BRANCH_SECRETARY] }) })));
  setRouterParams({ id: 'm-1' });
});

describe('The person file’s feedback history (sending side)', () => {
  it('lists the feedback received about the member, period by period', async () => {
    fakeApi((call) => {
      if (call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok({ member, facts: [], flows: [] });
      if (call.path === '/api/members/m-1/feedback')
        return ok([makeFeedback({ status: 'acknowledged', rating: 'excellent', assessment: '带头参加志愿服务。' })]);
      return undefined;
    });
    render(<PersonPage />);

    expect(await screen.findByText('2026年第一季度 · 优秀')).toBeInTheDocument();
    expect(byId('person-feedback-fb-1')).toHaveTextContent('修武县驻上海流动党员党支部 · 流出地已确认');
    expect(screen.getByText('带头参加志愿服务。')).toBeInTheDocument();
  });

  it('says so when none has come in, and shows a failure in its own card', async () => {
    fakeApi((call) => {
      if (call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok({ member, facts: [], flows: [] });
      if (call.path === '/api/members/m-1/feedback') return ok([]);
      return undefined;
    });
    render(<PersonPage />);
    expect(await screen.findByText('还没有收到表现反馈')).toBeInTheDocument();
  });

  it('keeps the rest of the file when the feedback cannot be read', async () => {
    fakeApi((call) => {
      if (call.path === '/api/members/m-1') return ok(member);
      if (call.path === '/api/ledgers/members/m-1/file') return ok({ member, facts: [], flows: [] });
      if (call.path === '/api/members/m-1/feedback') return failure(ErrorCode.INTERNAL_ERROR);
      return undefined;
    });
    render(<PersonPage />);
    expect(await screen.findByText('系统出现问题，请稍后再试')).toBeInTheDocument();
    expect(screen.getByText('王建军')).toBeInTheDocument();
  });
});
