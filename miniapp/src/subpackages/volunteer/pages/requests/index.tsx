import { Text, Textarea, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { DECLINE_REASON_MAX, REQUEST_STATUS_LABELS, type VolunteerRequestView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { acceptRequest, declineRequest, listReceivedRequests } from '../../../../services/volunteer';
import { UnboundNotice } from '../../components/unbound-notice';
import { SkillTags, StatusTag } from '../../components/status';
import '../../volunteer.css';

function ReceivedRequest({
  request,
  onDecided,
}: {
  request: VolunteerRequestView;
  onDecided: (request: VolunteerRequestView) => void;
}) {
  const prefix = `request-${request.id}`;
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const decide = (action: 'accept' | 'decline') => {
    setBusy(action);
    setProblem(null);
    (action === 'accept' ? acceptRequest(request.id) : declineRequest(request.id, reason.trim() || undefined))
      .then((decided) => {
        showToast(action === 'accept' ? '已接受，服务时请出示先锋码签到' : '已婉拒', 'success');
        setDeclining(false);
        onDecided(decided);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(null));
  };

  return (
    <View className="card" id={prefix}>
      <View className="vol-head">
        <Text className="subtitle">{request.requesterLabel}</Text>
        <StatusTag id={`${prefix}-status`} status={request.status} label={REQUEST_STATUS_LABELS[request.status]} />
      </View>
      <SkillTags skills={request.card.skills} />
      <Text className="vol-quote">{request.message}</Text>
      <Text className="text">{`地点：${request.place}`}</Text>
      {request.preferredTime ? <Text className="text">{`希望时间：${request.preferredTime}`}</Text> : null}
      <Text className="hint">{`收到于 ${formatDateTime(request.createdAt)}`}</Text>
      {request.declineReason ? <Text className="hint">{`婉拒原因：${request.declineReason}`}</Text> : null}
      {problem ? (
        <Text className="error-text" id={`${prefix}-problem`}>
          {problem}
        </Text>
      ) : null}
      {request.status === 'pending' && !declining ? (
        <>
          <BigButton
            id={`request-accept-${request.id}`}
            busy={busy === 'accept'}
            busyText="正在接受…"
            disabled={busy !== null}
            onClick={() => decide('accept')}
          >
            接受
          </BigButton>
          <BigButton
            id={`request-decline-${request.id}`}
            kind="plain"
            disabled={busy !== null}
            onClick={() => setDeclining(true)}
          >
            婉拒
          </BigButton>
        </>
      ) : null}
      {request.status === 'pending' && declining ? (
        <View className="field">
          <Text className="field__label">婉拒原因（选填，对方能看到）</Text>
          <Textarea
            id={`request-decline-reason-${request.id}`}
            className="field__textarea"
            value={reason}
            maxlength={DECLINE_REASON_MAX}
            placeholder="如：这几天在外地，抱歉"
            onInput={(e) => setReason(e.detail.value)}
          />
          <BigButton
            id={`request-decline-confirm-${request.id}`}
            busy={busy === 'decline'}
            busyText="正在提交…"
            onClick={() => decide('decline')}
          >
            确认婉拒
          </BigButton>
          <BigButton
            id={`request-decline-cancel-${request.id}`}
            kind="plain"
            disabled={busy !== null}
            onClick={() => setDeclining(false)}
          >
            再想想
          </BigButton>
        </View>
      ) : null}
      {request.status === 'accepted' ? (
        <BigButton
          id={`request-service-${request.id}`}
          kind="secondary"
          onClick={() => navigate.to(Routes.volunteerServices)}
        >
          去我的志愿服务
        </BigButton>
      ) : null}
    </View>
  );
}

/** Requests to my cards, newest first: accept (it becomes a service) or decline with a reason. */
export default function ReceivedRequestsPage() {
  const session = useRequiredSession();
  const memberId = session?.account.memberId ?? null;
  const list = usePagedList<VolunteerRequestView>(
    (cursor) => (memberId ? listReceivedRequests(cursor) : Promise.resolve({ items: [] })),
    memberId ?? '',
  );
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;
  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="requests-unbound" doing="接收居民的服务请求" />
      </View>
    );
  }
  if (list.status === 'loading') return <LoadingView id="requests-loading" />;
  if (list.status === 'failed') {
    return <ErrorView id="requests-error" message={list.message ?? ''} onRetry={list.reload} />;
  }
  return (
    <View className="page">
      {list.items.length === 0 ? (
        <EmptyState
          id="requests-empty"
          title="还没有收到请求"
          description="居民在社区志愿板上看到您的技能卡后，可以通过平台请您帮忙。"
        />
      ) : null}
      {list.items.map((request) => (
        <ReceivedRequest
          key={request.id}
          request={request}
          onDecided={(decided) => list.update((items) => items.map((r) => (r.id === decided.id ? decided : r)))}
        />
      ))}
      <ListFooter
        id="requests"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
