import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, EvaluationRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import MyEvaluationPage from './index';

const OPEN = {
  round: { id: 'round-1', year: 2026, branchName: '东风村党支部' },
  selfAssessment: null,
  selfAssessedAt: null,
};

function logIn(memberId: string | null = 'm-1') {
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId }) })));
}

beforeEach(() => {
  sessionStore.clear();
});

describe('MyEvaluationPage', () => {
  it('lets the member write a self-assessment while the round is open', async () => {
    logIn();
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === EvaluationRoutes.mySelfAssessment) return ok(OPEN);
      if (call.method === 'PUT' && call.path === EvaluationRoutes.mySelfAssessment)
        return ok({ ...OPEN, selfAssessment: '坚持学习', selfAssessedAt: '2026-11-21T01:00:00.000Z' });
      if (call.path === EvaluationRoutes.myResults) return ok([]);
      return undefined;
    });
    render(<MyEvaluationPage />);

    expect(await screen.findByText('2026 年度民主评议')).toBeInTheDocument();
    expect(screen.getByText('还没有评议结果')).toBeInTheDocument();
    await typeInto('mine-self-text', ' 坚持学习 ');
    fireEvent.click(byId('mine-self-submit'));

    expect(await screen.findByText('已提交自评，评议结束前可以修改')).toBeInTheDocument();
    expect(callsTo('PUT', EvaluationRoutes.mySelfAssessment)[0].data).toEqual({ text: '坚持学习' });
    expect(byId('mine-self-submit')).toHaveTextContent('修改自评');
  });

  it('shows the member’s own published results, and that no round is open', async () => {
    logIn();
    fakeApi((call) => {
      if (call.path === EvaluationRoutes.mySelfAssessment)
        return ok({ round: null, selfAssessment: null, selfAssessedAt: null });
      if (call.path === EvaluationRoutes.myResults)
        return ok([
          {
            roundId: 'round-1',
            year: 2025,
            branchName: '东风村党支部',
            grade: 'excellent',
            reasons: '带头参加志愿服务。',
            publishedAt: '2026-01-20T01:00:00.000Z',
          },
        ]);
      return undefined;
    });
    render(<MyEvaluationPage />);
    expect(await screen.findByText('目前没有正在进行的民主评议')).toBeInTheDocument();
    expect(byId('mine-grade-round-1')).toHaveTextContent('优秀');
    expect(screen.getByText('带头参加志愿服务。')).toBeInTheDocument();
  });

  it('shows a refusal when the round closed meanwhile', async () => {
    logIn();
    fakeApi((call) => {
      if (call.method === 'GET' && call.path === EvaluationRoutes.mySelfAssessment) return ok(OPEN);
      if (call.method === 'PUT') return failure(ErrorCode.EVALUATION_ROUND_CLOSED);
      if (call.path === EvaluationRoutes.myResults) return ok([]);
      return undefined;
    });
    render(<MyEvaluationPage />);
    await typeInto('mine-self-text', '自评');
    fireEvent.click(await screen.findByText('提交自评'));
    expect(await screen.findByText('这一轮民主评议已经结束，不能再修改')).toBeInTheDocument();
  });

  it('asks an unbound account to bind first', async () => {
    logIn(null);
    fakeApi(() => failure(ErrorCode.FORBIDDEN));
    render(<MyEvaluationPage />);
    expect(await screen.findByText('请先绑定党员信息')).toBeInTheDocument();
  });
});
