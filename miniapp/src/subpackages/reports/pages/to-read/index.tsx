import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { ReportListItem } from '@pioneer/shared';
import { useState } from 'react';
import { ListFooter } from '../../../../components/list-footer';
import { Segmented } from '../../../../components/segmented';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { listReportsToRead } from '../../../../services/reports';
import { reportTitle, shortDay, statusText } from '../../report-text';
import '../../reports.css';

type Filter = 'submitted' | 'all';

const FILTERS = [
  { value: 'submitted' as const, label: '待阅', id: 'to-read-filter-submitted' },
  { value: 'all' as const, label: '全部', id: 'to-read-filter-all' },
];

function Row({ item }: { item: ReportListItem }) {
  return (
    <View
      className="card link-card"
      id={`to-read-${item.id}`}
      onClick={() => navigate.to(Routes.reportsRead, { id: item.id })}
    >
      <View>
        <Text className="subtitle">{`${item.memberName} · ${reportTitle(item.kind, item.period)}`}</Text>
        <Text className="hint">{`${item.branchName} · ${shortDay(item.submittedAt)}提交`}</Text>
        <Text className="status-badge">{statusText(item.status)}</Text>
      </View>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}

/** 党员汇报: reports sent to the caller's branches, the unread ones first. */
export default function ReportsToReadPage() {
  const session = useRequiredSession();
  const [filter, setFilter] = useState<Filter>('submitted');
  const list = usePagedList(
    (cursor) => listReportsToRead({ cursor, ...(filter === 'submitted' ? { status: 'submitted' } : {}) }),
    filter,
  );
  useDidShow(() => {
    if (list.status !== 'loading') list.reload();
  });

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <Segmented id="to-read-filter" options={FILTERS} value={filter} onChange={setFilter} />
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="to-read-error" message={list.message ?? '加载失败'} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="to-read-empty"
          title={filter === 'submitted' ? '没有待阅的汇报' : '还没有党员提交汇报'}
          description="党员提交思想汇报或组织生活月报告后会出现在这里。"
        />
      ) : null}
      {list.items.map((item) => (
        <Row key={item.id} item={item} />
      ))}
      {list.status === 'ready' && list.items.length > 0 ? (
        <ListFooter
          id="to-read-footer"
          count={list.items.length}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          moreError={list.moreError}
          onMore={list.loadMore}
        />
      ) : null}
    </View>
  );
}
