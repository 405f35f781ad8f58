import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { REQUEST_STATUS_LABELS, type VolunteerRequestView } from '@pioneer/shared';
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
import { listSentRequests, withdrawRequest } from '../../../../services/volunteer';
import { SkillTags, StatusTag } from '../../components/status';
import { useReloadOnReturn } from '../../components/use-reload-on-return';
import '../../volunteer.css';

function SentRequest({
  request,
  onChanged,
}: {
  request: VolunteerRequestView;
  onChanged: (request: VolunteerRequestView) => void;
}) {
  const prefix = `sent-${request.id}`;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const withdraw = () => {
    setBusy(true);
    setProblem(null);
    withdrawRequest(request.id)
      .then((changed) => {
        showToast('已撤回', 'success');
        onChanged(changed);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id={prefix}>
      <View className="vol-head">
        <Text className="subtitle">{`志愿者 ${request.card.memberName}`}</Text>
        <StatusTag id={`${prefix}-status`} status={request.status} label={REQUEST_STATUS_LABELS[request.status]} />
      </View>
      <SkillTags skills={request.card.skills} />
      <Text className="vol-quote">{request.message}</Text>
      <Text className="hint">{`${request.place}${request.preferredTime ? ` · ${request.preferredTime}` : ''}`}</Text>
      <Text className="hint">{`发出于 ${formatDateTime(request.createdAt)}`}</Text>
      {request.declineReason ? <Text className="text">{`婉拒原因：${request.declineReason}`}</Text> : null}
      {problem ? (
        <Text className="error-text" id={`${prefix}-problem`}>
          {problem}
        </Text>
      ) : null}
      {request.status === 'accepted' && request.serviceId ? (
        <BigButton
          id={`sent-service-${request.id}`}
          onClick={() => navigate.to(Routes.volunteerService, { id: request.serviceId ?? '' })}
        >
          签到、签退和评价
        </BigButton>
      ) : null}
      {request.status === 'pending' ? (
        <BigButton id={`sent-withdraw-${request.id}`} kind="plain" busy={busy} busyText="正在撤回…" onClick={withdraw}>
          撤回请求
        </BigButton>
      ) : null}
    </View>
  );
}

/** What I asked volunteers for, newest first: waiting, accepted (then on to the service), declined or withdrawn. */
export default function SentRequestsPage() {
  const session = useRequiredSession();
  const list = usePagedList<VolunteerRequestView>((cursor) => listSentRequests(cursor), session?.account.id ?? '');
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useReloadOnReturn(list.reload);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session || list.status === 'loading') return <LoadingView id="sent-loading" />;
  if (list.status === 'failed') return <ErrorView id="sent-error" message={list.message ?? ''} onRetry={list.reload} />;
  return (
    <View className="page">
      {list.items.length === 0 ? (
        <View>
          <EmptyState
            id="sent-empty"
            title="还没有发出过请求"
            description="在社区志愿板上找到合适的志愿者，就能请他帮忙。"
          />
          <BigButton id="sent-board-link" kind="secondary" onClick={() => navigate.to(Routes.volunteerBoard)}>
            去社区志愿板
          </BigButton>
        </View>
      ) : null}
      {list.items.map((request) => (
        <SentRequest
          key={request.id}
          request={request}
          onChanged={(changed) => list.update((items) => items.map((r) => (r.id === changed.id ? changed : r)))}
        />
      ))}
      <ListFooter
        id="sent"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
