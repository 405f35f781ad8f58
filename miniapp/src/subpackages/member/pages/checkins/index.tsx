import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { CHECKIN_ANOMALY_LABELS, type CheckinView } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { listMyCheckins } from '../../../../services/checkins';
import { UnboundNotice } from '../../components/unbound-notice';
import '../../member.css';

const PAGE_SIZE = 20;

function CheckinItem({ checkin }: { checkin: CheckinView }) {
  const times = checkin.checkedOutAt
    ? `${formatDateTime(checkin.checkedInAt)} 签到 · ${formatDateTime(checkin.checkedOutAt)} 签退`
    : `${formatDateTime(checkin.checkedInAt)} 签到`;
  return (
    <View className="card" id={`checkins-item-${checkin.id}`}>
      <Text className="checkin-item__title">{checkin.activityTitle}</Text>
      <Text className="checkin-item__meta">{times}</Text>
      {checkin.minutes !== null ? (
        <Text className="checkin-item__meta">{`参加时长 ${checkin.minutes} 分钟`}</Text>
      ) : null}
      {checkin.method === 'personal_code' ? <Text className="checkin-item__meta">由工作人员扫先锋码登记</Text> : null}
      {checkin.offline ? <Text className="checkin-item__meta">{CHECKIN_ANOMALY_LABELS.offline}</Text> : null}
    </View>
  );
}

/** 我的签到记录: the activities the member took part in, newest first. */
export default function MyCheckinsPage() {
  const session = useRequiredSession();
  const memberId = session?.account.memberId ?? null;
  // An account not bound to a member has no check-ins to ask for.
  const list = usePagedList(
    (cursor) => (memberId ? listMyCheckins(cursor, PAGE_SIZE) : Promise.resolve({ items: [] })),
    memberId ?? '',
  );

  useReachBottom(list.loadMore);

  if (!session) return <LoadingView />;

  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="checkins-unbound" doing="查看签到记录" />
      </View>
    );
  }

  return (
    <View className="page">
      {list.status === 'loading' ? <LoadingView id="checkins-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="checkins-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <View className="card">
          <EmptyState
            id="checkins-empty"
            title="还没有签到记录"
            description="参加党组织活动时，扫现场屏幕上的签到码签到，记录会显示在这里。"
          />
          <BigButton id="checkins-scan" kind="secondary" onClick={() => navigate.to(Routes.scan)}>
            去扫码签到
          </BigButton>
        </View>
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <View id="checkins-list">
          {list.items.map((checkin) => (
            <CheckinItem key={checkin.id} checkin={checkin} />
          ))}
          <ListFooter
            id="checkins"
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
