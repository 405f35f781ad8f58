import { act, fireEvent, render, screen } from '@testing-library/react';
import { ErrorCode, FeedbackRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { byId, typeInto } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import { makeFeedback } from '../../test-factories';
import FeedbackReceivedPage from './index';

const ACK_PATH = '/api/feedback/fb-1/acknowledge';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('FeedbackReceivedPage', () => {
  it('shows the receiving branch’s feedback and acknowledges it with a comment', async () => {
    fakeApi((call) => {
      if (call.path === FeedbackRoutes.list) return ok({ items: [makeFeedback()] });
      if (call.path === ACK_PATH)
        return ok(
          makeFeedback({
            status: 'acknowledged',
            acknowledgeComment: '感谢关心',
            acknowledgedAt: '2026-04-03T01:00:00.000Z',
          }),
        );
      return undefined;
    });
    render(<FeedbackReceivedPage />);

    expect(await screen.findByText('王小明')).toBeInTheDocument();
    expect(callsTo('GET', FeedbackRoutes.list)[0].query.side).toBe('received');
    expect(byId('received-rating-fb-1')).toHaveTextContent('总体表现：良好');
    expect(screen.getByText('按时参加组织生活。')).toBeInTheDocument();

    await typeInto('received-comment-fb-1', '感谢关心');
    fireEvent.click(byId('received-ack-fb-1'));

    expect(await screen.findByText('签收意见：感谢关心')).toBeInTheDocument();
    expect(byId('received-fb-1')).toHaveTextContent('流出地已确认');
    expect(document.getElementById('received-ack-fb-1')).toBeNull();
    expect(callsTo('POST', ACK_PATH)[0].data).toEqual({ comment: '感谢关心' });
  });

  it('acknowledges without a comment, and shows a refusal in place', async () => {
    fakeApi((call) => {
      if (call.path === FeedbackRoutes.list) return ok({ items: [makeFeedback()] });
      if (call.path === ACK_PATH) return failure(ErrorCode.FEEDBACK_ALREADY_ACKNOWLEDGED);
      return undefined;
    });
    render(<FeedbackReceivedPage />);
    fireEvent.click(await screen.findByText('签收'));
    expect(await screen.findByText('这份表现反馈已经签收过了')).toBeInTheDocument();
    expect(callsTo('POST', ACK_PATH)[0].data).toEqual({});
  });

  it('says so when nothing has come in', async () => {
    fakeApi((call) => (call.path === FeedbackRoutes.list ? ok({ items: [] }) : undefined));
    render(<FeedbackReceivedPage />);
    expect(await screen.findByText('还没有收到表现反馈')).toBeInTheDocument();
  });
});
