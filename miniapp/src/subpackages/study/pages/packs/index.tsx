import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { MyStudyPack } from '@pioneer/shared';
import { useEffect } from 'react';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { formatMonth, share } from '../../../../components/study-progress';
import { ProgressBar } from '../../../../components/study-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listMyPacks } from '../../../../services/study';
import '../../../../components/study-views.css';
import '../../study.css';

const PAGE_SIZE = 10;

function PackRow({ pack }: { pack: MyStudyPack }) {
  const total = pack.items.length;
  const done = total > 0 && pack.finishedItems >= total;
  return (
    <View
      className="card link-card"
      id={`packs-item-${pack.id}`}
      onClick={() => navigate.to(Routes.studyPack, { id: pack.id })}
    >
      <View className="packs-row">
        {pack.month ? <Text className="hint">{formatMonth(pack.month)}</Text> : null}
        <Text className="subtitle">{pack.title}</Text>
        <Text className={done ? 'study-item__done' : 'study-item__progress'}>
          {done ? '✓ 全部学完' : `已完成 ${pack.finishedItems} / ${total} 项`}
        </Text>
        <ProgressBar value={share(pack.finishedItems, total)} done={done} />
      </View>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}

/** Every pack delivered to me, newest first. */
export default function StudyPacksPage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listMyPacks(cursor, PAGE_SIZE), '');

  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      {list.status === 'loading' ? <LoadingView id="packs-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="packs-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="packs-empty" title="还没有收到学习礼包" description="党组织发布学习礼包后，会显示在这里。" />
      ) : null}
      {list.items.map((pack) => (
        <PackRow key={pack.id} pack={pack} />
      ))}
      <ListFooter
        id="packs"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
