import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { StudyHistoryEntry } from '@pioneer/shared';
import { useEffect } from 'react';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { studiedMinutes } from '../../../../components/study-progress';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { listMyHistory } from '../../../../services/study';
import '../../../../components/study-views.css';
import '../../study.css';

const PAGE_SIZE = 20;

function HistoryRow({ entry }: { entry: StudyHistoryEntry }) {
  return (
    <View className="card" id={`history-${entry.day}-${entry.itemId}`}>
      <View className="history-row__head">
        <Text className="subtitle">{entry.itemTitle}</Text>
        <Text className="hint">{entry.day}</Text>
      </View>
      <Text className="hint">{entry.packTitle}</Text>
      <Text className="text">{`学习 ${studiedMinutes(entry.seconds)} 分钟`}</Text>
    </View>
  );
}

/** What I have studied, newest first. */
export default function StudyHistoryPage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listMyHistory(cursor, PAGE_SIZE), '');

  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      {list.status === 'loading' ? <LoadingView id="history-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="history-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="history-empty"
          title="还没有学习记录"
          description="打开学习礼包里的内容学习后，会记录在这里。"
        />
      ) : null}
      {list.items.map((entry) => (
        <HistoryRow key={`${entry.day}-${entry.itemId}`} entry={entry} />
      ))}
      <ListFooter
        id="history"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
