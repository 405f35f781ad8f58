import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, FeedbackRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { setRouterParams } from '../../../../../test/taro-mock';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import { makeDraft, makeFacts, makeFeedback } from '../../test-factories';
import FeedbackFormPage from './index';

const DRAFT_PATH = '/api/feedback/flows/flow-1/draft';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
  setRouterParams({ flowId: 'flow-1', period: '2026-Q1' });
});

describe('FeedbackFormPage', () => {
  it('shows the facts the server gathered and sends the rating and assessment written here', async () => {
    fakeApi((call) => {
      if (call.path === DRAFT_PATH) return ok(makeDraft({ facts: makeFacts({ points: 35 }) }));
      if (call.method === 'POST' && call.path === FeedbackRoutes.create)
        return ok(makeFeedback({ side: 'receiving' }), 201);
      return undefined;
    });
    render(<FeedbackFormPage />);

    expect(await screen.findByText('王小明')).toBeInTheDocument();
    expect(callsTo('GET', DRAFT_PATH)[0].query).toEqual({ period: '2026-Q1' });
    expect(byId('form-facts-attendance')).toHaveTextContent('2 / 3 次');
    expect(byId('form-facts-study')).toHaveTextContent('4.5 小时');
    expect(byId('form-facts-volunteer')).toHaveTextContent('1 次 · 1.5 小时');
    expect(byId('form-facts-points')).toHaveTextContent('35 分');

    fireEvent.click(byId('form-rating-excellent'));
    await typeInto('form-text', '  积极参加志愿服务，带头作用明显。 ');
    fireEvent.click(byId('form-submit'));

    expect(await screen.findByText('本期反馈已发送，等待流出地党组织签收。')).toBeInTheDocument();
    expect(callsTo('POST', FeedbackRoutes.create)[0].data).toEqual({
      flowId: 'flow-1',
      period: '2026-Q1',
      rating: 'excellent',
      assessment: '积极参加志愿服务，带头作用明显。',
    });
  });

  it('leaves points out while there is no points ledger, and asks for words before sending', async () => {
    fakeApi((call) => (call.path === DRAFT_PATH ? ok(makeDraft()) : undefined));
    render(<FeedbackFormPage />);

    expect(await screen.findByText('王小明')).toBeInTheDocument();
    expect(document.getElementById('form-facts-points')).toBeNull();
    fireEvent.click(byId('form-submit'));
    expect(byId('form-problem')).toHaveTextContent('请写几句对这位党员本期表现的评价');
    expect(callsTo('POST', FeedbackRoutes.create)).toHaveLength(0);
  });

  it('shows the server’s refusal of a second feedback for the period', async () => {
    fakeApi((call) => {
      if (call.path === DRAFT_PATH) return ok(makeDraft());
      if (call.path === FeedbackRoutes.create) return failure(ErrorCode.FEEDBACK_DUPLICATE);
      return undefined;
    });
    render(<FeedbackFormPage />);
    await screen.findByText('王小明');
    await typeInto('form-text', '表现良好');
    fireEvent.click(byId('form-submit'));
    expect(await screen.findByText('这一期的表现反馈已经发送过了，不能重复发送')).toBeInTheDocument();
  });

  it('shows that the period was already sent instead of the form', async () => {
    fakeApi((call) => (call.path === DRAFT_PATH ? ok(makeDraft({ existingFeedbackId: 'fb-1' })) : undefined));
    render(<FeedbackFormPage />);
    expect(await screen.findByText('本期反馈已发送，等待流出地党组织签收。')).toBeInTheDocument();
    expect(document.getElementById('form-submit')).toBeNull();
  });

  it('explains why the form cannot open for the sending side', async () => {
    fakeApi((call) => (call.path === DRAFT_PATH ? failure(ErrorCode.FEEDBACK_NOT_RECEIVING_SIDE) : undefined));
    render(<FeedbackFormPage />);
    expect(await screen.findByText('表现反馈由流入地党组织填写')).toBeInTheDocument();
  });
});
