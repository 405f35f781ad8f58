import { Switch, Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { OrgView, ReviewQueueEntry } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { errorMessage } from '../../../../services/http';
import { listMyOrgs } from '../../../../services/orgs';
import {
  approveEntry,
  fetchBranchSettings,
  listReviewQueue,
  rejectEntry,
  setBranchSettings,
} from '../../../../services/points';
import { EntryRow } from '../../components/entry-row';
import '../../points.css';

const PAGE_SIZE = 20;

interface BranchSetting {
  org: OrgView;
  reviewRequired: boolean;
}

async function loadSettings(): Promise<BranchSetting[]> {
  const branches = (await listMyOrgs()).filter((org) => org.level === 'branch');
  return Promise.all(
    branches.map(async (org) => ({ org, reviewRequired: (await fetchBranchSettings(org.id)).reviewRequired })),
  );
}

/** Whether each of the secretary's branches reviews points before they post. */
function ReviewSettings() {
  const { state, reload, setData } = useLoader(loadSettings);
  const [saving, setSaving] = useState<string | null>(null);
  if (state.status === 'loading') return <LoadingView id="review-settings-loading" />;
  if (state.status === 'failed')
    return <ErrorView id="review-settings-error" message={state.message} onRetry={reload} />;
  if (state.data.length === 0) return null;
  const toggle = (orgId: string, reviewRequired: boolean) => {
    setSaving(orgId);
    setBranchSettings(orgId, reviewRequired)
      .then((saved) =>
        setData(state.data.map((s) => (s.org.id === orgId ? { ...s, reviewRequired: saved.reviewRequired } : s))),
      )
      .catch((error: unknown) => showToast(errorMessage(error)))
      .finally(() => setSaving(null));
  };
  return (
    <View className="card" id="review-settings">
      <Text className="subtitle">入账前审核</Text>
      <Text className="hint">打开后，签到、学习、志愿服务获得的积分须经支部审核才入账；手工奖励不需要审核。</Text>
      {state.data.map(({ org, reviewRequired }) => (
        <View key={org.id} className="points-row section" id={`review-setting-${org.id}`}>
          <Text className="text">{org.name}</Text>
          <Switch
            id={`review-setting-${org.id}-switch`}
            checked={reviewRequired}
            disabled={saving === org.id}
            onChange={(event) => toggle(org.id, event.detail.value)}
          />
        </View>
      ))}
    </View>
  );
}

/** 积分审核: entries waiting for the branch, oldest first; approve posts them, reject keeps them out. */
export default function ReviewQueuePage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listReviewQueue(cursor, PAGE_SIZE), '');
  const [busy, setBusy] = useState<string | null>(null);

  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;

  const decide = (entry: ReviewQueueEntry, approve: boolean) => {
    setBusy(entry.id);
    (approve ? approveEntry(entry.id) : rejectEntry(entry.id))
      .then(() => {
        list.update((items) => items.filter((e) => e.id !== entry.id));
        showToast(approve ? '已入账' : '已退回', 'success');
      })
      .catch((error: unknown) => showToast(errorMessage(error)))
      .finally(() => setBusy(null));
  };

  return (
    <View className="page">
      <ReviewSettings />
      {list.status === 'loading' ? <LoadingView id="review-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="review-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="review-empty"
          title="没有待审核的积分"
          description="开启入账前审核后，党员获得的积分会先在这里等待审核。"
        />
      ) : null}
      {list.items.map((entry) => (
        <View key={entry.id}>
          <Text className="hint">{entry.memberName}</Text>
          <EntryRow
            entry={entry}
            action={
              <View className="points-actions">
                <BigButton
                  id={`review-${entry.id}-approve`}
                  busy={busy === entry.id}
                  onClick={() => decide(entry, true)}
                >
                  通过
                </BigButton>
                <BigButton
                  id={`review-${entry.id}-reject`}
                  kind="secondary"
                  disabled={busy === entry.id}
                  onClick={() => decide(entry, false)}
                >
                  不通过
                </BigButton>
              </View>
            }
          />
        </View>
      ))}
      <ListFooter
        id="review"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
