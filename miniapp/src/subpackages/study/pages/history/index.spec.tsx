import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode, StudyRoutes } from '@pioneer/shared';
import { callsTo, fakeApi } from '../../../../../test/api';
import { makeAccount, makeSession } from '../../../../../test/factories';
import { failure, ok } from '../../../../../test/responses';
import { reachBottom } from '../../../../../test/taro-mock';
import { byId } from '../../../../../test/ui';
import { sessionStore } from '../../../../stores/session';
import StudyHistoryPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession({ account: makeAccount({ memberId: 'm-1' }) })));
});

describe('StudyHistoryPage', () => {
  it('lists each day’s study with its minutes, and pages on with the cursor', async () => {
    const entry = (day: string, itemId: string, itemTitle: string, seconds: number) => ({
      day,
      packId: 'p-1',
      packTitle: '3月学习礼包',
      itemId,
      itemTitle,
      seconds,
    });
    fakeApi((call) => {
      if (call.path !== StudyRoutes.myHistory) return undefined;
      return call.query.cursor === 'h-2'
        ? ok({ items: [entry('2025-02-10', 'i-3', '微党课：做合格党员', 95)] })
        : ok({ items: [entry('2025-03-02', 'i-1', '党章总纲', 420)], nextCursor: 'h-2' });
    });
    render(<StudyHistoryPage />);

    expect(await screen.findByText('党章总纲')).toBeInTheDocument();
    expect(byId('history-2025-03-02-i-1')).toHaveTextContent('3月学习礼包');
    expect(byId('history-2025-03-02-i-1')).toHaveTextContent('学习 7 分钟');
    expect(byId('history-2025-03-02-i-1')).toHaveTextContent('2025-03-02');
    expect(callsTo('GET', StudyRoutes.myHistory)[0].query).toMatchObject({ limit: '20' });

    act(() => reachBottom());
    expect(await screen.findByText('微党课：做合格党员')).toBeInTheDocument();
    expect(callsTo('GET', StudyRoutes.myHistory)[1].query).toMatchObject({ cursor: 'h-2' });
    expect(byId('history-2025-02-10-i-3')).toHaveTextContent('学习 1 分钟');
    expect(byId('history-end')).toHaveTextContent('共 2 条');
  });

  it('says so when there is no history yet', async () => {
    fakeApi((call) => (call.path === StudyRoutes.myHistory ? ok({ items: [] }) : undefined));
    render(<StudyHistoryPage />);

    expect(await screen.findByText('还没有学习记录')).toBeInTheDocument();
  });

  it('shows why the history did not load and retries', async () => {
    let attempts = 0;
    fakeApi((call) => {
      if (call.path !== StudyRoutes.myHistory) return undefined;
      attempts += 1;
      return attempts === 1 ? failure(ErrorCode.FORBIDDEN) : ok({ items: [] });
    });
    render(<StudyHistoryPage />);

    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
    fireEvent.click(byId('history-error-retry'));
    await waitFor(() => expect(byId('history-empty')).toBeInTheDocument());
  });
});
