import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { groupRedemptionCode, type RedemptionView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { QrCode } from '../../../../components/qr-code';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { errorMessage } from '../../../../services/http';
import { cancelRedemption, listMyRedemptions } from '../../../../services/points';
import { redemptionStatusLabel } from '../../points-format';
import '../../points.css';

const PAGE_SIZE = 10;
const QR_SIZE = 240;

function RedemptionCard({ redemption, onCancel }: { redemption: RedemptionView; onCancel: () => void }) {
  const issued = redemption.status === 'issued';
  return (
    <View className="card" id={`redemption-${redemption.id}`}>
      <View className="points-row">
        <View className="points-row__main">
          <Text className="subtitle">{redemption.benefitTitle}</Text>
          <Text className="hint">{`${redemption.provider} · ${formatDateTime(redemption.createdAt)}`}</Text>
        </View>
        <Text className="status-badge">{redemptionStatusLabel(redemption.status)}</Text>
      </View>
      {issued ? (
        <>
          <View className="points-qr">
            <QrCode id={`redemption-${redemption.id}-qr`} text={redemption.code} size={QR_SIZE} />
          </View>
          <Text className="points-code" id={`redemption-${redemption.id}-code`}>
            {groupRedemptionCode(redemption.code)}
          </Text>
          <Text className="hint">出示给提供方扫码，或读出兑换码由对方输入。兑换码只能核销一次。</Text>
          <BigButton id={`redemption-${redemption.id}-cancel`} kind="plain" onClick={onCancel}>
            取消兑换
          </BigButton>
        </>
      ) : null}
      {redemption.fulfilledAt ? (
        <Text className="hint">{`核销时间 ${formatDateTime(redemption.fulfilledAt)}`}</Text>
      ) : null}
    </View>
  );
}

/** 我的兑换: each redemption, with the QR code of its code while it waits to be fulfilled. */
export default function MyRedemptionsPage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listMyRedemptions(cursor, PAGE_SIZE), '');
  const [cancelling, setCancelling] = useState<RedemptionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;

  const confirmCancel = () => {
    if (!cancelling) return;
    setBusy(true);
    setProblem(null);
    cancelRedemption(cancelling.id)
      .then((updated) => {
        list.update((items) => items.map((r) => (r.id === updated.id ? updated : r)));
        setCancelling(null);
        showToast(`已取消，${updated.cost} 积分已退回`, 'success');
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="page">
      {list.status === 'loading' ? <LoadingView id="redemptions-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="redemptions-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="redemptions-empty"
          title="还没有兑换过权益"
          description="在“兑换权益”里用积分兑换后，兑换码会显示在这里。"
        />
      ) : null}
      {list.items.map((redemption) => (
        <RedemptionCard
          key={redemption.id}
          redemption={redemption}
          onCancel={() => {
            setProblem(null);
            setCancelling(redemption);
          }}
        />
      ))}
      <ListFooter
        id="redemptions"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
      {cancelling ? (
        <ConfirmSheet
          id="redemption-cancel"
          title={`取消兑换“${cancelling.benefitTitle}”`}
          message={`取消后 ${cancelling.cost} 积分退回，兑换码作废。`}
          confirmText="确认取消"
          busy={busy}
          problem={problem}
          onConfirm={confirmCancel}
          onCancel={() => setCancelling(null)}
        />
      ) : null}
    </View>
  );
}
