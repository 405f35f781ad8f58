import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { MyPairedMember } from '@pioneer/shared';
import { useEffect } from 'react';
import { formatDateTime } from '../../../../components/format';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listMyPaired } from '../../../../services/pairing';
import '../../pairing.css';

function PairedRow({ row }: { row: MyPairedMember }) {
  return (
    <View
      className="pair-row"
      id={`mine-${row.memberId}`}
      onClick={() => navigate.to(Routes.pairingMember, { memberId: row.memberId })}
    >
      <View className="pair-row__head">
        <Text className="pair-row__name">{row.memberName}</Text>
        <View>
          {row.abroad ? <Text className="pair-tag">境外</Text> : null}
          {row.overdue ? (
            <Text className="pair-tag pair-tag--overdue" id={`mine-${row.memberId}-overdue`}>
              {`逾期 ${row.daysOverdue} 天`}
            </Text>
          ) : (
            <Text className="pair-tag pair-tag--ok">按时</Text>
          )}
        </View>
      </View>
      <Text className="pair-row__meta">{`应在 ${row.nextDueOn} 前联系 · ${row.branchName}`}</Text>
      <Text className="pair-row__meta">
        {row.lastContactAt ? `上次联系：${formatDateTime(row.lastContactAt)}` : '结对以来还没有联系记录'}
      </Text>
    </View>
  );
}

/** 我的结对党员: a committee member's paired members, the overdue first, each opening the contact log. */
export default function MyPairedPage() {
  const session = useRequiredSession();
  const { state, reload } = useLoader(listMyPaired, '', { auto: false });
  useDidShow(reload);
  usePullDownRefresh(reload);
  useEffect(() => {
    if (state.status !== 'loading') stopPullDownRefresh();
  }, [state.status]);
  if (!session || state.status === 'loading') return <LoadingView id="mine-loading" />;
  if (state.status === 'failed') return <ErrorView id="mine-error" message={state.message} onRetry={reload} />;
  const overdue = state.data.filter((r) => r.overdue).length;
  return (
    <View className="page">
      {state.data.length === 0 ? (
        <View className="card">
          <EmptyState
            id="mine-empty"
            title="还没有结对联系的党员"
            description="支部书记为您安排结对后，结对的党员会显示在这里。"
          />
        </View>
      ) : (
        <View className="card" id="mine-list">
          <Text className="subtitle" id="mine-summary">
            {overdue > 0
              ? `共 ${state.data.length} 人，${overdue} 人联系已逾期`
              : `共 ${state.data.length} 人，都按时联系了`}
          </Text>
          {state.data.map((row) => (
            <PairedRow key={row.pairingId} row={row} />
          ))}
        </View>
      )}
    </View>
  );
}
