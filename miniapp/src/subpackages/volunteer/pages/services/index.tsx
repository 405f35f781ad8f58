import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { ServiceView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { cancelService, listMyServices } from '../../../../services/volunteer';
import { UnboundNotice } from '../../components/unbound-notice';
import { ServiceSummary } from '../../components/service-summary';
import { useReloadOnReturn } from '../../components/use-reload-on-return';
import '../../volunteer.css';

const NEXT_STEP: Partial<Record<ServiceView['status'], string>> = {
  scheduled: '到达后请出示先锋码，由对方扫码签到。',
  in_progress: '服务结束时请再出示先锋码，由对方扫码签退。',
  completed: '等待对方确认和评价，确认后记入积分。',
};

/** The services I give: the personal code to show at check-in and check-out, and calling one off before it starts. */
export default function MyServicesPage() {
  const session = useRequiredSession();
  const memberId = session?.account.memberId ?? null;
  const list = usePagedList<ServiceView>(
    (cursor) => (memberId ? listMyServices(cursor) : Promise.resolve({ items: [] })),
    memberId ?? '',
  );
  const [cancelling, setCancelling] = useState<ServiceView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useReloadOnReturn(list.reload);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  const cancel = () => {
    if (!cancelling) return;
    setBusy(true);
    setProblem(null);
    cancelService(cancelling.id)
      .then((changed) => {
        list.update((items) => items.map((s) => (s.id === changed.id ? changed : s)));
        setCancelling(null);
        showToast('已取消这次服务', 'success');
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  if (!session) return <LoadingView />;
  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="services-unbound" doing="参加志愿服务" />
      </View>
    );
  }
  if (list.status === 'loading') return <LoadingView id="services-loading" />;
  if (list.status === 'failed') {
    return <ErrorView id="services-error" message={list.message ?? ''} onRetry={list.reload} />;
  }
  return (
    <View className="page">
      {list.items.length === 0 ? (
        <EmptyState
          id="services-empty"
          title="还没有志愿服务"
          description="接受居民的请求，或在社区志愿板上报名服务需求后，服务会出现在这里。"
        />
      ) : null}
      {list.items.map((service) => {
        const open = service.status === 'scheduled' || service.status === 'in_progress';
        return (
          <ServiceSummary key={service.id} id={`my-service-${service.id}`} service={service}>
            {NEXT_STEP[service.status] ? <Text className="hint">{NEXT_STEP[service.status]}</Text> : null}
            {open ? (
              <BigButton id={`service-code-${service.id}`} onClick={() => navigate.to(Routes.memberPersonalCode)}>
                {service.status === 'scheduled' ? '出示先锋码签到' : '出示先锋码签退'}
              </BigButton>
            ) : null}
            {service.status === 'scheduled' ? (
              <BigButton id={`service-cancel-${service.id}`} kind="plain" onClick={() => setCancelling(service)}>
                取消这次服务
              </BigButton>
            ) : null}
          </ServiceSummary>
        );
      })}
      <ListFooter
        id="services"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
      {cancelling ? (
        <ConfirmSheet
          id="service-cancel-sheet"
          title="取消这次服务？"
          message={`“${cancelling.title}”取消后，对方会收到通知。`}
          confirmText="确认取消"
          busy={busy}
          problem={problem}
          onConfirm={cancel}
          onCancel={() => {
            setCancelling(null);
            setProblem(null);
          }}
        />
      ) : null}
    </View>
  );
}
