import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { fetchMyPoints, listMyEntries } from '../../../../services/points';
import { EntryRow } from '../../components/entry-row';
import '../../points.css';

const PAGE_SIZE = 20;

/** 我的积分: the balance, what waits for review, and every entry with its reason. */
export default function MyPointsPage() {
  const session = useRequiredSession();
  const summary = useLoader(fetchMyPoints, '', { auto: false });
  const list = usePagedList((cursor) => listMyEntries(cursor, PAGE_SIZE), '');

  useDidShow(summary.reload);
  usePullDownRefresh(() => {
    summary.reload();
    list.reload();
  });
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;
  const s = summary.state;
  return (
    <View className="page">
      <View className="card" id="points-summary">
        <Text className="hint">我的积分</Text>
        {s.status === 'loading' ? <LoadingView id="points-summary-loading" /> : null}
        {s.status === 'failed' ? (
          <ErrorView id="points-summary-error" message={s.message} onRetry={summary.reload} />
        ) : null}
        {s.status === 'ready' ? (
          <>
            <Text className="points-balance" id="points-balance">
              {s.data.balance}
            </Text>
            {s.data.pending > 0 ? (
              <Text className="text" id="points-pending">{`另有 ${s.data.pending} 分待支部审核`}</Text>
            ) : null}
            <Text className="hint">{`积分自获得当年起 ${s.data.validYears} 年内有效，先获得的先使用、先到期。`}</Text>
          </>
        ) : null}
        <View className="points-actions section">
          <BigButton id="points-redeem-link" onClick={() => navigate.to(Routes.pointsRedeem)}>
            兑换权益
          </BigButton>
          <BigButton
            id="points-redemptions-link"
            kind="secondary"
            onClick={() => navigate.to(Routes.pointsRedemptions)}
          >
            我的兑换
          </BigButton>
        </View>
      </View>
      <Text className="subtitle section">积分明细</Text>
      {list.status === 'loading' ? <LoadingView id="entries-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="entries-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="entries-empty"
          title="还没有积分"
          description="参加活动签到、完成学习礼包、参加志愿服务都能获得积分。"
        />
      ) : null}
      {list.items.map((entry) => (
        <EntryRow key={entry.id} entry={entry} />
      ))}
      <ListFooter
        id="entries"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
