import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, OrgRoutes, PointsRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeSession, makeStaffAccount } from '../../../../../test/factories';
import { makeQueueEntry } from '../../../../../test/points-factories';
import { failure, ok } from '../../../../../test/responses';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import ReviewQueuePage from './index';

const branch = { id: 'br-1', name: '东风村党支部', level: 'branch' };

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeStaffAccount() })));
});

describe('ReviewQueuePage', () => {
  it('approves and rejects waiting entries, each leaving the queue', async () => {
    const a = makeQueueEntry({ id: 'e-1', reason: '完成学习礼包“三月”', amount: 5, memberName: '张*国' });
    const b = makeQueueEntry({ id: 'e-2', reason: '参加活动“主题党日”签到', memberName: '李*' });
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([branch]);
      if (call.path === '/api/orgs/br-1/points-settings') return ok({ orgId: 'br-1', reviewRequired: true });
      if (call.path === PointsRoutes.reviewQueue) return ok({ items: [a, b] });
      if (call.path === '/api/points/entries/e-1/approve') return ok({ ...a, status: 'posted' });
      if (call.path === '/api/points/entries/e-2/reject') return ok({ ...b, status: 'rejected' });
      return undefined;
    });
    render(<ReviewQueuePage />);

    expect(await screen.findByText('完成学习礼包“三月”')).toBeInTheDocument();
    expect(screen.getByText('张*国')).toBeInTheDocument();
    fireEvent.click(byId('review-e-1-approve'));
    await waitFor(() => expect(screen.queryByText('完成学习礼包“三月”')).not.toBeInTheDocument());
    fireEvent.click(byId('review-e-2-reject'));
    await waitFor(() => expect(byId('review-empty')).toBeInTheDocument());
    expect(callsTo('POST', '/api/points/entries/e-1/approve')).toHaveLength(1);
    expect(callsTo('POST', '/api/points/entries/e-2/reject')).toHaveLength(1);
    expect(await screen.findByText('东风村党支部')).toBeInTheDocument();
  });

  it('keeps an entry that someone else already decided, with the reason', async () => {
    const a = makeQueueEntry({ id: 'e-1' });
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([]);
      if (call.path === PointsRoutes.reviewQueue) return ok({ items: [a] });
      if (call.path === '/api/points/entries/e-1/approve') return failure(ErrorCode.POINTS_ENTRY_NOT_PENDING);
      return undefined;
    });
    render(<ReviewQueuePage />);
    fireEvent.click(await screen.findByText('通过'));
    await waitFor(() => expect(callsTo('POST', '/api/points/entries/e-1/approve')).toHaveLength(1));
    expect(byId('entry-e-1')).toBeInTheDocument();
  });

  it('says when nothing waits', async () => {
    fakeApi((call) => {
      if (call.path === OrgRoutes.list) return ok([]);
      if (call.path === PointsRoutes.reviewQueue) return ok({ items: [] });
      return undefined;
    });
    render(<ReviewQueuePage />);
    expect(await screen.findByText('没有待审核的积分')).toBeInTheDocument();
  });
});
