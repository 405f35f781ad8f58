import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { FEEDBACK_STATUS_LABELS, type FeedbackDueItem } from '@pioneer/shared';
import { useEffect, useRef } from 'react';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listFeedbackDue } from '../../../../services/feedback';
import '../../feedback.css';

function DueItem({ item }: { item: FeedbackDueItem }) {
  return (
    <View
      className="card list-item"
      id={`due-${item.flowId}`}
      onClick={() => navigate.to(Routes.feedbackForm, { flowId: item.flowId, period: item.period })}
    >
      <View className="list-item__head">
        <Text className="list-item__name">{item.name}</Text>
        <Text className={`status-badge status-badge--${item.status}`}>{FEEDBACK_STATUS_LABELS[item.status]}</Text>
      </View>
      <Text className="list-item__meta">{`${item.periodLabel} · 来自${item.sendingBranchName}`}</Text>
    </View>
  );
}

/** 流入地: the members in my branch's care whose feedback for the period just ended is due, and what was sent. */
export default function FeedbackDuePage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listFeedbackDue(cursor), '');
  const shownOnce = useRef(false);
  // Coming back from the form: the member's status has changed.
  useDidShow(() => {
    if (shownOnce.current) list.reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => list.reload());
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;
  const waiting = list.items.filter((item) => item.status === 'due').length;
  return (
    <View className="page">
      <View className="card">
        <Text className="title">流入党员表现反馈</Text>
        <Text className="hint">每期结束后，把在本支部参加活动、学习和志愿服务的情况反馈给党员的流出地党组织。</Text>
        {list.status === 'ready' && list.items.length > 0 ? (
          <Text className="text" id="due-count">{`待填写 ${waiting} 人`}</Text>
        ) : null}
      </View>
      {list.status === 'loading' ? <LoadingView id="due-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="due-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="due-empty"
          title="本期没有需要填写的表现反馈"
          description="党员到本支部报到后，每期结束时会出现在这里。"
        />
      ) : null}
      {list.items.map((item) => (
        <DueItem key={`${item.flowId}-${item.period}`} item={item} />
      ))}
      <ListFooter
        id="due"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
