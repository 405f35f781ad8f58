import { View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { NeedView, OrgView } from '@pioneer/shared';
import { useEffect } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listNeeds } from '../../../../services/volunteer';
import { NeedSummary } from '../../components/need-summary';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import { useReloadOnReturn } from '../../components/use-reload-on-return';
import '../../volunteer.css';

function OrgNeeds({ org }: { org: OrgView }) {
  const list = usePagedList<NeedView>((cursor) => listNeeds(org.id, cursor), org.id);
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useReloadOnReturn(list.reload);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  return (
    <View>
      <BigButton id="needs-new" onClick={() => navigate.to(Routes.volunteerNeedNew, { orgId: org.id })}>
        发布服务需求
      </BigButton>
      {list.status === 'loading' ? <LoadingView id="needs-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="needs-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="needs-empty" title="还没有发布过服务需求" description="社区需要人手时发布，党员可以报名。" />
      ) : null}
      {list.items.map((need) => (
        <NeedSummary
          key={need.id}
          id={`needs-need-${need.id}`}
          need={need}
          onClick={() => navigate.to(Routes.volunteerNeed, { id: need.id })}
        />
      ))}
      <ListFooter
        id="needs"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}

/** The needs an org posted (and those of the orgs below it), newest first. */
export default function NeedsPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="needs-orgs" choice={choice} />
      {choice.current ? <OrgNeeds key={choice.current.id} org={choice.current} /> : null}
    </View>
  );
}
