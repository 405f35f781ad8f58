import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  CHECKIN_ANOMALY_LABELS,
  type ActivityView,
  type AttendanceView,
  type CheckinView,
} from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { formatActivityTime, formatClock } from '../../../../components/activity-time';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { InfoRow } from '../../../../components/info-row';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { cancelActivity, fetchAttendance } from '../../../../services/activities';
import { errorMessage } from '../../../../services/http';
import '../../secretary.css';

function ActivityHead({ activity }: { activity: ActivityView }) {
  return (
    <View className="card" id="activity-head">
      <View className="list-item__head">
        <Text className="title" id="activity-title">
          {activity.title}
        </Text>
        <Text className={`status-badge status-badge--${activity.status}`} id="activity-status">
          {ACTIVITY_STATUS_LABELS[activity.status]}
        </Text>
      </View>
      <InfoRow label="类型" value={ACTIVITY_KIND_LABELS[activity.kind]} />
      <InfoRow label="时间" value={formatActivityTime(activity.startsAt, activity.endsAt)} />
      <InfoRow label="地点" value={activity.place} />
      <InfoRow label="组织" value={activity.branchName} />
      <InfoRow label="签退" value={activity.checkoutEnabled ? '离开时需签退' : '不需要签退'} />
      <Text
        className="count-line"
        id="activity-counts"
      >{`已签到 ${activity.checkedIn} 人 / 应到 ${activity.expected} 人`}</Text>
    </View>
  );
}

function PresentRow({ checkin, checkoutEnabled }: { checkin: CheckinView; checkoutEnabled: boolean }) {
  const out = checkin.checkedOutAt
    ? `签退 ${formatClock(checkin.checkedOutAt)}${checkin.minutes !== null ? `，共 ${checkin.minutes} 分钟` : ''}`
    : '未签退';
  return (
    <View className="person-row" id={`present-${checkin.memberId}`}>
      <View className="list-item__head">
        <Text className="text">{checkin.memberName}</Text>
        <Text className="hint">{`签到 ${formatClock(checkin.checkedInAt)}`}</Text>
      </View>
      {checkoutEnabled ? <Text className="hint">{out}</Text> : null}
      <View className="tags">
        {checkin.method === 'personal_code' ? <Text className="tag">书记扫码登记</Text> : null}
        {checkin.offline ? <Text className="tag tag--warning">离线签到</Text> : null}
        {checkin.anomalies
          .filter((anomaly) => !(anomaly === 'offline' && checkin.offline))
          .map((anomaly) => (
            <Text key={anomaly} className="tag tag--warning">
              {CHECKIN_ANOMALY_LABELS[anomaly]}
            </Text>
          ))}
      </View>
    </View>
  );
}

function Attendance({ attendance }: { attendance: AttendanceView }) {
  const { activity, present, absent } = attendance;
  const own = absent.filter((member) => member.side === 'own');
  const received = absent.filter((member) => member.side === 'received');
  const flagged = present.filter((checkin) => checkin.anomalies.length > 0 || checkin.offline).length;
  return (
    <View>
      <View className="card" id="attendance-present">
        <Text className="subtitle">{`已签到（${present.length} 人）`}</Text>
        {flagged > 0 ? (
          <Text className="hint" id="attendance-flagged">{`其中 ${flagged} 人的签到有异常标记，请核实。`}</Text>
        ) : null}
        {present.length === 0 ? (
          <EmptyState id="attendance-present-empty" title="还没有人签到" description="打开签到大屏，请党员扫码签到。" />
        ) : null}
        {present.map((checkin) => (
          <PresentRow key={checkin.id} checkin={checkin} checkoutEnabled={activity.checkoutEnabled} />
        ))}
      </View>
      <View className="card" id="attendance-absent">
        <Text className="subtitle">{`未签到（${absent.length} 人）`}</Text>
        {absent.length === 0 ? <Text className="hint">应到的党员都已签到。</Text> : null}
        {own.length > 0 ? (
          <View id="attendance-absent-own">
            <Text className="hint">本支部党员</Text>
            <View className="tags">
              {own.map((member) => (
                <Text key={member.memberId} className="tag">
                  {member.memberName}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        {received.length > 0 ? (
          <View id="attendance-absent-received" className="section">
            <Text className="hint">流入本支部的党员</Text>
            <View className="tags">
              {received.map((member) => (
                <Text key={member.memberId} className="tag">
                  {member.memberName}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
      </View>
    </View>
  );
}

/** One activity: details, the venue screen and scanning, cancel, and who has and has not checked in (?id=). */
export default function ActivityPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const { state, reload, setData } = useLoader(() => fetchAttendance(id), id, { auto: false });
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const hasId = id !== '';

  // Every time the page shows (back from the venue screen or scanning), and on pull-down.
  useDidShow(() => {
    if (hasId) reload();
  });
  usePullDownRefresh(() => {
    if (hasId) reload();
    else stopPullDownRefresh();
  });
  useEffect(() => {
    if (state.status !== 'loading') stopPullDownRefresh();
  }, [state.status]);

  if (!session) return <LoadingView />;
  if (!hasId) {
    return (
      <View className="page">
        <ErrorView id="activity-missing" message="没有指定活动，请从活动列表打开" />
      </View>
    );
  }

  const cancel = (attendance: AttendanceView) => {
    setCancelling(true);
    setProblem(null);
    cancelActivity(attendance.activity.id)
      .then((activity) => {
        setData({ ...attendance, activity: { ...attendance.activity, ...activity } });
        setAsking(false);
        showToast('活动已取消', 'success');
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setCancelling(false));
  };

  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="activity-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="activity-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <View>
          <ActivityHead activity={state.data.activity} />
          {state.data.activity.status === 'cancelled' ? (
            <View className="card" id="activity-cancelled">
              <Text className="text">活动已取消，党员不能再签到。</Text>
            </View>
          ) : (
            <View className="card" id="activity-actions">
              <BigButton id="activity-venue" onClick={() => navigate.to(Routes.venueScreen, { id })}>
                打开签到大屏
              </BigButton>
              <Text className="hint">在现场的电脑或电视上打开，党员用微信扫屏幕上的二维码签到。</Text>
              <BigButton
                id="activity-scan-member"
                kind="secondary"
                onClick={() => navigate.to(Routes.secretaryScanMember, { activityId: id })}
              >
                扫党员码签到
              </BigButton>
              <Text className="hint">党员没带手机或不方便扫码时，扫他出示的个人先锋码代为签到。</Text>
              {state.data.activity.status === 'ended' ? null : (
                <BigButton id="activity-cancel" kind="plain" onClick={() => setAsking(true)}>
                  取消活动
                </BigButton>
              )}
            </View>
          )}
          <Attendance attendance={state.data} />
          <BigButton id="activity-refresh" kind="plain" onClick={reload}>
            刷新签到情况
          </BigButton>
          {asking ? (
            <ConfirmSheet
              id="activity-cancel-sheet"
              title="取消这次活动？"
              message="取消后大屏上的二维码失效，党员不能再签到，已有的签到记录会保留。"
              confirmText="确认取消活动"
              busy={cancelling}
              problem={problem}
              onConfirm={() => cancel(state.data)}
              onCancel={() => {
                setAsking(false);
                setProblem(null);
              }}
            />
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
