import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { InboxItem, InboxSummary } from '@pioneer/shared';
import { useRef } from 'react';
import { BigButton } from '../../components/big-button';
import { formatDateTime } from '../../components/format';
import { ErrorView, LoadingView } from '../../components/state-views';
import { useLoader } from '../../components/use-loader';
import { navigate } from '../../platform';
import { Routes } from '../../routes';
import { fetchInboxSummary, listInbox } from '../../services/inbox';

/** How many open to-dos the home page lists before “全部待办”. */
export const HOME_TODOS = 5;

async function loadTodos(): Promise<{ summary: InboxSummary; items: InboxItem[] }> {
  const [summary, page] = await Promise.all([
    fetchInboxSummary(),
    listInbox({ category: 'todo', pending: true, limit: HOME_TODOS }),
  ]);
  return { summary, items: page.items };
}

/**
 * 待办: everything waiting for the caller — approvals, confirmations, overdue
 * contacts and responsibilities, feedback due, reports to read — the newest
 * few on the home page, all of them in 消息 › 待办, where each opens the
 * screen it is done on.
 */
export function TodoCard({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const { state, reload } = useLoader(loadTodos);
  // Loaded on mount; coming back to the home page (after doing one) shows the list as it now stands.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) reload();
    shownOnce.current = true;
  });

  const empty = state.status === 'ready' && state.data.items.length === 0;
  // A member's home stays uncluttered: the card appears once something waits for them.
  if (hideWhenEmpty && (empty || state.status !== 'ready')) return null;
  return (
    <View className="card" id="home-todos">
      <Text className="subtitle">
        {state.status === 'ready' && state.data.summary.openTodos > 0
          ? `待办事项（${state.data.summary.openTodos}）`
          : '待办事项'}
      </Text>
      {state.status === 'loading' ? <LoadingView id="home-todos-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="home-todos-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? (
        <Text className="hint" id="home-todos-empty">
          眼下没有待办事项。
        </Text>
      ) : null}
      {state.status === 'ready'
        ? state.data.items.map((item) => (
            <View
              key={item.id}
              id={`home-todo-${item.id}`}
              className="info-row info-row--stacked"
              onClick={() => navigate.to(Routes.inbox)}
            >
              <Text className="text">{item.title}</Text>
              <Text className="hint">{[item.orgName, formatDateTime(item.createdAt)].filter(Boolean).join(' · ')}</Text>
            </View>
          ))
        : null}
      {state.status === 'ready' && state.data.summary.openTodos > 0 ? (
        <BigButton id="home-todos-all" kind="secondary" onClick={() => navigate.to(Routes.inbox)}>
          {`查看全部待办（${state.data.summary.openTodos}）`}
        </BigButton>
      ) : null}
    </View>
  );
}
