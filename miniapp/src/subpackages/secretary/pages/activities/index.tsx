import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, type ActivitySummary, type OrgView } from '@pioneer/shared';
import { useEffect, useRef } from 'react';
import { formatActivityTime } from '../../../../components/activity-time';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listActivities } from '../../../../services/activities';
import { BranchChoiceBar, useBranchChoice } from '../../components/branch-choice';
import '../../secretary.css';

const ACTIVITIES_PAGE_SIZE = 20;

function ActivityItem({ activity }: { activity: ActivitySummary }) {
  return (
    <View
      className="card list-item"
      id={`activity-item-${activity.id}`}
      onClick={() => navigate.to(Routes.secretaryActivity, { id: activity.id })}
    >
      <View className="list-item__head">
        <Text className="list-item__name">{activity.title}</Text>
        <Text className={`status-badge status-badge--${activity.status}`}>
          {ACTIVITY_STATUS_LABELS[activity.status]}
        </Text>
      </View>
      <Text className="list-item__meta">{`${ACTIVITY_KIND_LABELS[activity.kind]} · ${formatActivityTime(activity.startsAt, activity.endsAt)}`}</Text>
      <Text className="list-item__meta">{activity.place}</Text>
    </View>
  );
}

function BranchActivities({ branch }: { branch: OrgView }) {
  const list = usePagedList(
    (cursor) => listActivities({ branchId: branch.id, cursor, limit: ACTIVITIES_PAGE_SIZE }),
    branch.id,
  );
  const shownOnce = useRef(false);

  // Coming back from a new or cancelled activity: the list has changed. The first show is the mount itself.
  useDidShow(() => {
    if (shownOnce.current) list.reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => list.reload());
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  const empty = list.status === 'ready' && list.items.length === 0;
  const create = (
    <BigButton id="activities-new" onClick={() => navigate.to(Routes.secretaryActivityNew, { branchId: branch.id })}>
      发起活动
    </BigButton>
  );

  return (
    <View>
      {empty ? null : create}
      <Text className="hint section">{`${branch.name}的活动，最新的在前。点开活动可打开签到大屏、扫党员码签到、查看签到情况。`}</Text>
      {list.status === 'loading' ? <LoadingView id="activities-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="activities-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {empty ? (
        <View id="activities-empty-block">
          <EmptyState
            id="activities-empty"
            title="还没有活动，点击下方按钮发起第一次活动"
            description="三会一课、主题党日、志愿服务、节日联谊都可以在这里发起，党员扫大屏上的二维码签到。"
          />
          {create}
        </View>
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <View id="activities-list" className="section">
          {list.items.map((activity) => (
            <ActivityItem key={activity.id} activity={activity} />
          ))}
          <ListFooter
            id="activities"
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

/** 活动签到: a branch's activities (?branchId=, default the caller's own branch). */
export default function ActivitiesPage() {
  const session = useRequiredSession();
  const choice = useBranchChoice(useRouter().params.branchId);

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <BranchChoiceBar id="activities-branches" choice={choice} />
      {choice.current ? <BranchActivities key={choice.current.id} branch={choice.current} /> : null}
    </View>
  );
}
