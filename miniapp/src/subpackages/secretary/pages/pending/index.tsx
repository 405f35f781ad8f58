import { Text, View } from '@tarojs/components';
import { BigButton } from '../../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { PendingFlowCard } from '../../components/pending-flow-card';
import { loadPendingFlows } from '../../pending-flows';
import '../../secretary.css';

/** 待办审批: outflow reports, arrivals and found members the caller may act on. */
export default function PendingPage() {
  const session = useRequiredSession();
  const { state, reload } = useLoader(loadPendingFlows);

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="pending-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="pending-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? (
        <EmptyState
          id="pending-empty"
          title="暂无待办事项"
          description="党员报告外出、到本支部报到，或流入地登记了本支部的党员时，会显示在这里。"
        />
      ) : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <View id="pending-list">
          <Text className="hint">{`共 ${state.data.items.length} 项，等待时间最长的在前。`}</Text>
          {state.data.items.map((item) => (
            <PendingFlowCard key={item.id} item={item} />
          ))}
          {state.data.truncated ? (
            <Text className="hint" id="pending-truncated">
              还有更多待办，处理完这些后请刷新。
            </Text>
          ) : null}
          <BigButton id="pending-refresh" kind="plain" onClick={reload}>
            刷新
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
