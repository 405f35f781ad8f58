import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { ServiceView } from '@pioneer/shared';
import { useEffect } from 'react';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listReceivedServices } from '../../../../services/volunteer';
import { ServiceSummary } from '../../components/service-summary';
import { useReloadOnReturn } from '../../components/use-reload-on-return';
import '../../volunteer.css';

const TODO: Partial<Record<ServiceView['status'], string>> = {
  scheduled: '志愿者到了请点这里，扫他的先锋码签到',
  in_progress: '服务结束请点这里，扫他的先锋码签退',
  completed: '请点这里确认并评价',
};

/** Services I receive (my requests, my org's needs), each opening the screen to check in, out and confirm. */
export default function ReceivedServicesPage() {
  const session = useRequiredSession();
  const list = usePagedList<ServiceView>((cursor) => listReceivedServices(cursor), session?.account.id ?? '');
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useReloadOnReturn(list.reload);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session || list.status === 'loading') return <LoadingView id="received-loading" />;
  if (list.status === 'failed') {
    return <ErrorView id="received-error" message={list.message ?? ''} onRetry={list.reload} />;
  }
  return (
    <View className="page">
      {list.items.length === 0 ? (
        <EmptyState
          id="received-empty"
          title="还没有为您服务的记录"
          description="志愿者接受您的请求后，服务会出现在这里。"
        />
      ) : null}
      {list.items.map((service) => (
        <View
          key={service.id}
          id={`received-service-${service.id}`}
          onClick={() => navigate.to(Routes.volunteerService, { id: service.id })}
        >
          <ServiceSummary id={`received-${service.id}`} service={service}>
            {TODO[service.status] ? <Text className="error-text">{TODO[service.status]}</Text> : null}
          </ServiceSummary>
        </View>
      ))}
      <ListFooter
        id="received"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
