import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import { makeEntry, makeRound } from '../../test-factories';
import EvaluationRoundPage from './index';

const ROUND = '/api/evaluation/rounds/round-1';
const ENTRIES = `${ROUND}/members`;
const RESULT = `${ROUND}/members/m-1/result`;
const CLOSE = `${ROUND}/close`;

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ id: 'round-1' });
});

describe('EvaluationRoundPage', () => {
  it('shows each member’s gathered inputs and what needs a look, and records a grade with reasons', async () => {
    let graded = 0;
    fakeApi((call) => {
      if (call.path === ROUND) return ok(makeRound({ graded }));
      if (call.path === ENTRIES) return ok({ items: [makeEntry()] });
      if (call.method === 'PUT' && call.path === RESULT) {
        graded = 1;
        return ok(makeEntry({ grade: 'basically_qualified', reasons: '参加组织生活不够经常。' }));
      }
      return undefined;
    });
    render(<EvaluationRoundPage />);

    expect(await screen.findByText('王小明')).toBeInTheDocument();
    expect(screen.getByText('参加组织生活：4 / 10 次（40%）')).toBeInTheDocument();
    expect(screen.getByText('学习时长：12 / 24 小时')).toBeInTheDocument();
    expect(byId('entry-self-m-1')).toHaveTextContent('坚持学习。');
    expect(byId('entry-feedback-fb-1')).toHaveTextContent('较差：两次未参加组织生活。');
    expect(byId('entry-concern-m-1-low_attendance')).toHaveTextContent('参加组织生活不足一半');
    expect(byId('entry-grade-label-m-1')).toHaveTextContent('未评定');

    fireEvent.click(byId('grade-basically_qualified'));
    await typeInto('entry-reasons-m-1', '参加组织生活不够经常。');
    fireEvent.click(byId('entry-save-m-1'));

    expect(await screen.findByText('基本合格', { selector: '#entry-grade-label-m-1' })).toBeInTheDocument();
    expect(callsTo('PUT', RESULT)[0].data).toEqual({ grade: 'basically_qualified', reasons: '参加组织生活不够经常。' });
    expect(await screen.findByText('参评 2 人，已自评 1 人，已评定 1 人')).toBeInTheDocument();
  });

  it('asks for reasons before saving a grade', async () => {
    fakeApi((call) => {
      if (call.path === ROUND) return ok(makeRound());
      if (call.path === ENTRIES) return ok({ items: [makeEntry()] });
      return undefined;
    });
    render(<EvaluationRoundPage />);
    fireEvent.click(await screen.findByText('保存结果'));
    expect(byId('entry-problem-m-1')).toHaveTextContent('请填写评定理由');
    expect(callsTo('PUT', RESULT)).toHaveLength(0);
  });

  it('shows why the round cannot be closed yet, and closes it once it can', async () => {
    let closeCalls = 0;
    fakeApi((call) => {
      if (call.path === ROUND) return ok(makeRound());
      if (call.path === ENTRIES) return ok({ items: [makeEntry({ grade: 'qualified', reasons: '合格' })] });
      if (call.path === CLOSE) {
        closeCalls += 1;
        return closeCalls === 1
          ? failure(ErrorCode.EVALUATION_RESULTS_MISSING, '还有 1 名党员没有评定结果，请全部评定后再结束评议')
          : ok(makeRound({ status: 'closed', graded: 2, closedAt: '2026-11-30T01:00:00.000Z' }));
      }
      return undefined;
    });
    render(<EvaluationRoundPage />);
    fireEvent.click(await screen.findByText('结束评议并公布结果'));
    expect(await screen.findByText('还有 1 名党员没有评定结果，请全部评定后再结束评议')).toBeInTheDocument();

    fireEvent.click(screen.getByText('结束评议并公布结果'));
    expect(await screen.findByText('东风村党支部 · 已结束，结果已公布')).toBeInTheDocument();
    expect(document.getElementById('round-close-button')).toBeNull();
    expect(await screen.findByText('评定理由：合格')).toBeInTheDocument();
  });

  it('explains a round the caller may not see', async () => {
    fakeApi((call) => (call.path === ROUND ? failure(ErrorCode.NOT_FOUND, '找不到这轮民主评议') : undefined));
    render(<EvaluationRoundPage />);
    expect(await screen.findByText('找不到这轮民主评议')).toBeInTheDocument();
  });
});
