import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { RESPONSIBILITY_SIDE_LABELS, type ResponsibilityProgressRow } from '@pioneer/shared';
import { useEffect } from 'react';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { fetchDutyProgress } from '../../../../services/responsibilities';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import '../../duties.css';

function ProgressRow({ row }: { row: ResponsibilityProgressRow }) {
  return (
    <View className="card" id={`progress-${row.branchId}-${row.list}`}>
      <Text className="subtitle">{row.branchName}</Text>
      <Text className="hint">{RESPONSIBILITY_SIDE_LABELS[row.list]}</Text>
      <View className="progress-row__figures">
        <Text className="text">{`${row.flows} 名党员`}</Text>
        <Text className="text">{`${row.items} 项`}</Text>
        <Text className="text">{`本期完成 ${row.done} 项`}</Text>
        <Text className={row.overdue > 0 ? 'text progress-row__overdue' : 'text'}>{`逾期 ${row.overdue} 项`}</Text>
      </View>
    </View>
  );
}

/** Progress of the three lists per branch, for a branch and the orgs that supervise it. `?orgId=` or the caller's first org. */
export default function DutiesProgressPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  const orgId = choice.current?.id ?? '';
  const { state, reload } = useLoader(() => fetchDutyProgress(orgId), orgId, { auto: orgId !== '' });

  usePullDownRefresh(() => {
    if (orgId) reload();
  });
  useEffect(() => {
    if (state.status !== 'loading') stopPullDownRefresh();
  }, [state.status]);

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="progress-orgs" choice={choice} />
      {orgId && state.status === 'loading' ? <LoadingView id="progress-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="progress-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <View>
          <Text className="hint" id="progress-as-of">{`${choice.current?.name ?? ''} · 截至 ${state.data.asOf}`}</Text>
          {state.data.rows.length === 0 ? (
            <EmptyState
              id="progress-empty"
              title="还没有双向共管中的党员"
              description="流入地确认报到后，双方的责任清单会出现在这里。"
            />
          ) : null}
          {state.data.rows.map((row) => (
            <ProgressRow key={`${row.branchId}-${row.list}`} row={row} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
