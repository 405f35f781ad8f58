import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { formatServiceTime, RETURN_ROLE_LABELS, type OrgView, type ReserveEntryView } from '@pioneer/shared';
import { useEffect } from 'react';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { listReserve } from '../../../../services/volunteer';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import { SkillTags } from '../../components/status';
import '../../volunteer.css';

function ReserveEntry({ entry }: { entry: ReserveEntryView }) {
  return (
    <View className="card" id={`reserve-${entry.memberId}`}>
      <View className="vol-head">
        <Text className="subtitle">{entry.name}</Text>
        <Text className="vol-status vol-status--open">{RETURN_ROLE_LABELS[entry.preferredRole]}</Text>
      </View>
      <Text className="text">{entry.branchName}</Text>
      <SkillTags skills={entry.skills} extra={entry.extraSkills.join('、') || null} />
      {entry.note ? <Text className="vol-quote">{entry.note}</Text> : null}
      <Text className="hint" id={`reserve-${entry.memberId}-record`}>
        {entry.servicesConfirmed > 0
          ? `志愿服务 ${entry.servicesConfirmed} 次，共 ${formatServiceTime(entry.minutesServed)}${entry.ratingAverage !== null ? `，评分 ${entry.ratingAverage.toFixed(1)}` : ''}`
          : '还没有确认的志愿服务'}
      </Text>
      <Text className="hint">{`${formatDateTime(entry.since)} 登记`}</Text>
    </View>
  );
}

function OrgReserve({ org }: { org: OrgView }) {
  const list = usePagedList<ReserveEntryView>((cursor) => listReserve(org.id, cursor), org.id);
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (list.status === 'loading') return <LoadingView id="reserve-loading" />;
  if (list.status === 'failed')
    return <ErrorView id="reserve-error" message={list.message ?? ''} onRetry={list.reload} />;
  return (
    <View>
      <Text className="hint">{`${org.name}：愿意回乡服务的在外党员。只列姓名、支部、技能和服务记录，联系请通过所在支部。`}</Text>
      {list.items.length === 0 ? (
        <EmptyState
          id="reserve-empty"
          title="还没有党员登记回乡意愿"
          description="在外党员在“雁归”里登记后会出现在这里。"
        />
      ) : null}
      {list.items.map((entry) => (
        <ReserveEntry key={entry.memberId} entry={entry} />
      ))}
      <ListFooter
        id="reserve"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}

/** 雁归人才库: the org department's reserve list of members willing to come home (`?orgId=`, else their first org). */
export default function ReservePage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="reserve-orgs" choice={choice} />
      {choice.current ? <OrgReserve key={choice.current.id} org={choice.current} /> : null}
    </View>
  );
}
