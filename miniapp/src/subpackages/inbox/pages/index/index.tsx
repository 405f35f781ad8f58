import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import {
  INBOX_PAGE_DEFAULT,
  type AccountView,
  type InboxCategory,
  type InboxItem,
  type InboxSummary,
} from '@pioneer/shared';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { Segmented } from '../../../../components/segmented';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { fetchFlow } from '../../../../services/flows';
import { errorMessage } from '../../../../services/http';
import { fetchInboxSummary, listInbox, markInboxRead } from '../../../../services/inbox';
import { inboxTarget, isPending } from '../../inbox-subject';
import { SubscribeCard } from './subscribe-card';
import '../../inbox.css';

function badgeOf(item: InboxItem): { label: string; className: string } | null {
  if (item.category === 'todo') {
    return item.doneAt
      ? { label: '已处理', className: 'inbox-badge--done' }
      : { label: '待处理', className: 'inbox-badge--pending' };
  }
  return item.readAt ? null : { label: '未读', className: 'inbox-badge--unread' };
}

function InboxRow({ item, onOpen }: { item: InboxItem; onOpen: (item: InboxItem) => void }) {
  const badge = badgeOf(item);
  const emphasised = item.readAt === null || isPending(item);
  return (
    <View
      className={`card inbox-item${emphasised ? ' inbox-item--unread' : ''}`}
      id={`inbox-item-${item.id}`}
      onClick={() => onOpen(item)}
    >
      <View className="inbox-item__head">
        <Text className="inbox-item__title">{item.title}</Text>
        {badge ? <Text className={`inbox-badge ${badge.className}`}>{badge.label}</Text> : null}
      </View>
      {item.body ? <Text className="inbox-item__body">{item.body}</Text> : null}
      <Text className="inbox-item__meta">
        {[item.orgName, formatDateTime(item.createdAt)].filter(Boolean).join(' · ')}
      </Text>
    </View>
  );
}

function open(item: InboxItem, account: AccountView): void {
  const target = inboxTarget(item, account);
  if (target.kind === 'route') {
    navigate.to(target.route, target.query);
  } else if (target.kind === 'flowPerson') {
    fetchFlow(target.flowId)
      .then((flow) => navigate.to(Routes.secretaryPerson, { id: flow.memberId }))
      .catch((cause: unknown) => showToast(errorMessage(cause)));
  }
}

/** 消息: notices and to-dos, newest first; tapping one marks it read and opens what it is about. */
export default function InboxPage() {
  const session = useRequiredSession();
  const [category, setCategory] = useState<InboxCategory>('todo');
  const summary = useLoader(fetchInboxSummary, '', { auto: false });
  const list = usePagedList((cursor) => listInbox({ category, cursor, limit: INBOX_PAGE_DEFAULT }), category);
  const shownOnce = useRef(false);
  const lastCounts = useRef<InboxSummary | null>(null);

  useDidShow(() => {
    summary.reload();
    if (shownOnce.current) list.reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    summary.reload();
    list.reload();
  });
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;

  // While the summary reloads (after a tap), the labels keep the last counts rather than flicker.
  if (summary.state.status === 'ready') lastCounts.current = summary.state.data;
  const counts = lastCounts.current;
  const options = [
    { value: 'todo', label: counts && counts.openTodos > 0 ? `待办（${counts.openTodos}）` : '待办', id: 'inbox-todo' },
    {
      value: 'notice',
      label: counts && counts.unreadNotices > 0 ? `通知（${counts.unreadNotices}）` : '通知',
      id: 'inbox-notice',
    },
  ] as const;

  const tap = (item: InboxItem) => {
    if (item.readAt === null) {
      const readAt = new Date().toISOString();
      list.update((items) => items.map((row) => (row.id === item.id ? { ...row, readAt } : row)));
      // The row takes the server's answer and the counts follow; a failed mark is retried on the next tap.
      markInboxRead(item.id).then(
        (updated) => {
          list.update((items) => items.map((row) => (row.id === updated.id ? updated : row)));
          summary.reload();
        },
        () => list.update((items) => items.map((row) => (row.id === item.id ? { ...row, readAt: null } : row))),
      );
    }
    open(item, session.account);
  };

  return (
    <View className="page">
      <SubscribeCard />
      <Segmented id="inbox-category" options={options} value={category} onChange={setCategory} />
      {list.status === 'loading' ? <LoadingView id="inbox-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="inbox-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="inbox-empty"
          title="暂无消息"
          description={
            category === 'todo'
              ? '党员报到、流入地登记本支部党员等需要您处理的事会显示在这里。'
              : '审批结果、报到确认等通知会显示在这里。'
          }
        />
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <View id="inbox-list">
          {list.items.map((item) => (
            <InboxRow key={item.id} item={item} onOpen={tap} />
          ))}
          <ListFooter
            id="inbox"
            count={list.items.length}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            moreError={list.moreError}
            onMore={list.loadMore}
          />
        </View>
      ) : null}
    </View>
  );
}
