import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { FLOW_STATUS_LABELS, type FlowListItem, type FlowStatus } from '@pioneer/shared';
import { useEffect, useRef } from 'react';
import { BigButton } from '../../components/big-button';
import { formatDateRange } from '../../components/format';
import { InfoRow } from '../../components/info-row';
import { ErrorView, LoadingView } from '../../components/state-views';
import { useLoader } from '../../components/use-loader';
import { navigate } from '../../platform';
import { Routes } from '../../routes';
import { fetchMyCurrentFlow } from '../../services/flows';

/** What the member should do next, in a line. */
const NEXT_STEP: Partial<Record<FlowStatus, string>> = {
  reported: '支部审批后会通知您。',
  approved: '到达后，请扫当地党组织的报到码报到。',
  arrived: '当地党组织确认后，您就可以参加那里的组织生活。',
  found: '您的支部确认后即可参加当地的组织生活。',
  active: '请按时参加当地党组织的活动和学习。',
  lost_contact: '请尽快与您的支部联系。',
};

function CurrentFlow({ flow }: { flow: FlowListItem }) {
  return (
    <View id="my-flow-current">
      <Text className="status-badge" id="my-flow-status">
        {FLOW_STATUS_LABELS[flow.status]}
      </Text>
      <View className="section">
        <InfoRow label="流出地党支部" value={flow.sendingBranchName} />
        {flow.receivingBranchName ? <InfoRow label="流入地党组织" value={flow.receivingBranchName} /> : null}
        <InfoRow label="外出时间" value={formatDateRange(flow.expectedFrom, flow.expectedUntil)} />
      </View>
      {NEXT_STEP[flow.status] ? <Text className="hint section">{NEXT_STEP[flow.status]}</Text> : null}
      {['approved', 'arrived', 'active'].includes(flow.status) ? (
        <BigButton
          id="my-flow-certificate"
          kind="secondary"
          onClick={() => navigate.to(Routes.memberCertificate, { flowId: flow.id })}
        >
          流动党员活动证
        </BigButton>
      ) : null}
      {['approved', 'arrived', 'active', 'lost_contact'].includes(flow.status) ? (
        <BigButton
          id="my-flow-return"
          kind="plain"
          onClick={() => navigate.to(Routes.memberReturn, { flowId: flow.id })}
        >
          返乡登记
        </BigButton>
      ) : null}
      {flow.status === 'active' ? (
        <BigButton
          id="my-flow-duties"
          kind="secondary"
          onClick={() => navigate.to(Routes.dutiesList, { flowId: flow.id })}
        >
          我的责任清单
        </BigButton>
      ) : null}
    </View>
  );
}

/** 我的流动: where the member's current flow stands, or the way to report leaving. */
export function MyFlowCard({ memberId }: { memberId: string | null }) {
  const { state, reload } = useLoader(fetchMyCurrentFlow, '', { auto: false });
  const loadedFor = useRef(memberId);

  // Every time the page shows (first time too): a secretary may have acted meanwhile.
  useDidShow(() => {
    if (memberId) reload();
  });

  // Binding on 我的 sets the member only after the first show.
  useEffect(() => {
    if (loadedFor.current === memberId) return;
    loadedFor.current = memberId;
    if (memberId) reload();
  }, [memberId, reload]);

  if (!memberId) {
    return (
      <View className="card" id="my-flow-card">
        <Text className="subtitle">我的流动</Text>
        <Text className="hint" id="my-flow-unbound">
          请先在“我的”页面绑定党员档案，绑定后可以在这里报告外出。
        </Text>
        <BigButton id="my-flow-bind-link" kind="secondary" onClick={() => navigate.to(Routes.me)}>
          去绑定党员档案
        </BigButton>
      </View>
    );
  }

  return (
    <View className="card" id="my-flow-card">
      <Text className="subtitle">我的流动</Text>
      {state.status === 'loading' ? <LoadingView id="my-flow-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="my-flow-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data ? <CurrentFlow flow={state.data} /> : null}
      {state.status === 'ready' && !state.data ? (
        <View id="my-flow-none">
          <Text className="hint">目前没有外出记录。准备外出务工、经商或居住时，请先向支部报告。</Text>
          <BigButton id="my-flow-report" onClick={() => navigate.to(Routes.memberReport)}>
            报告外出
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
