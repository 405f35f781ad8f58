import { Input, Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { POINTS_MANUAL_MAX, type PointsEntryView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { awardPoints, fetchMemberPoints, listMemberEntries, reverseEntry } from '../../../../services/points';
import { EntryRow } from '../../components/entry-row';
import { parseAward } from '../../points-format';
import '../../points.css';

const PAGE_SIZE = 20;
const REVERSIBLE = new Set(['checkin', 'study', 'service_hours', 'service_rating', 'manual']);

function AwardForm({ memberId, onAwarded }: { memberId: string; onAwarded: (entry: PointsEntryView) => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const value = parseAward(amount);
    if (value === null) {
      setProblem(`积分请填写 1 至 ${POINTS_MANUAL_MAX} 的整数，扣减时前面加“-”`);
      return;
    }
    if (!reason.trim()) {
      setProblem('请写明原因，党员会看到');
      return;
    }
    setBusy(true);
    setProblem(null);
    awardPoints(memberId, { amount: value, reason: reason.trim() })
      .then((entry) => {
        setAmount('');
        setReason('');
        onAwarded(entry);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card" id="award-form">
      <Text className="subtitle">奖励或扣减积分</Text>
      <View className="field">
        <Text className="field__label">积分（扣减填负数，如 -5）</Text>
        <Input
          id="award-amount"
          className="field__input"
          type="text"
          value={amount}
          onInput={(event) => setAmount(event.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">原因</Text>
        <Input
          id="award-reason"
          className="field__input"
          value={reason}
          maxlength={200}
          placeholder="如：春节返乡座谈会上积极建言"
          onInput={(event) => setReason(event.detail.value)}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="award-error">
          {problem}
        </Text>
      ) : null}
      <BigButton id="award-submit" busy={busy} onClick={submit}>
        确定
      </BigButton>
    </View>
  );
}

/** 党员积分 (?memberId=): the sending branch sees the member's ledger, awards by hand and corrects entries. */
export default function MemberPointsPage() {
  const session = useRequiredSession();
  const memberId = useRouter().params.memberId ?? '';
  const summary = useLoader(() => fetchMemberPoints(memberId), memberId);
  const list = usePagedList((cursor) => listMemberEntries(memberId, cursor, PAGE_SIZE), memberId);
  const [reversing, setReversing] = useState<PointsEntryView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useReachBottom(list.loadMore);

  if (!session) return <LoadingView />;
  const s = summary.state;
  if (s.status === 'loading') return <LoadingView id="member-points-loading" />;
  if (s.status === 'failed') return <ErrorView id="member-points-error" message={s.message} onRetry={summary.reload} />;

  const refresh = () => {
    summary.reload();
    list.reload();
  };

  const confirmReverse = () => {
    if (!reversing) return;
    setBusy(true);
    setProblem(null);
    reverseEntry(reversing.id, `撤销“${reversing.reason}”`.slice(0, 180))
      .then(() => {
        setReversing(null);
        showToast('已更正', 'success');
        refresh();
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="page">
      <View className="card" id="member-points-summary">
        <Text className="hint">积分余额</Text>
        <Text className="points-balance" id="member-points-balance">
          {s.data.balance}
        </Text>
        {s.data.pending > 0 ? <Text className="text">{`另有 ${s.data.pending} 分待审核`}</Text> : null}
      </View>
      <AwardForm
        memberId={memberId}
        onAwarded={(entry) => {
          showToast(entry.amount > 0 ? `已奖励 ${entry.amount} 分` : `已扣减 ${-entry.amount} 分`, 'success');
          refresh();
        }}
      />
      <Text className="subtitle section">积分明细</Text>
      {list.status === 'failed' ? (
        <ErrorView id="member-entries-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="member-entries-empty" title="还没有积分记录" />
      ) : null}
      {list.items.map((entry) => (
        <EntryRow
          key={entry.id}
          entry={entry}
          action={
            REVERSIBLE.has(entry.source) && entry.status === 'posted' && !entry.reversedByEntryId ? (
              <BigButton
                id={`entry-${entry.id}-reverse`}
                kind="plain"
                onClick={() => {
                  setProblem(null);
                  setReversing(entry);
                }}
              >
                更正（撤销这条）
              </BigButton>
            ) : null
          }
        />
      ))}
      <ListFooter
        id="member-entries"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
      {reversing ? (
        <ConfirmSheet
          id="reverse-confirm"
          title="更正这条积分"
          message={`将追加一条 ${-reversing.amount > 0 ? '+' : ''}${-reversing.amount} 分的更正记录，原记录保留。`}
          confirmText="确认更正"
          busy={busy}
          problem={problem}
          onConfirm={confirmReverse}
          onCancel={() => setReversing(null)}
        />
      ) : null}
    </View>
  );
}
