import { Text, Textarea, View } from '@tarojs/components';
import {
  FLOW_ACTION_LABELS,
  FLOW_NOTE_MAX,
  FLOW_STATUS_LABELS,
  FLOW_STEP_ACTIONS,
  type FlowActionRequest,
  type FlowListItem,
  type FlowStepAction,
  type FlowView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../components/big-button';
import { formatDateRange } from '../../../components/format';
import { InfoRow } from '../../../components/info-row';
import { ErrorView, LoadingView } from '../../../components/state-views';
import { useLoader } from '../../../components/use-loader';
import { showToast } from '../../../platform';
import { actOnFlow, fetchFlow } from '../../../services/flows';
import { errorMessage } from '../../../services/http';
import { listOrgChildren } from '../../../services/orgs';

/** Refusals and 退回修改: the member (and the other branch) are told why, so a reason is required. */
const REASON_REQUIRED: ReadonlySet<FlowStepAction> = new Set(['decline', 'reject_found', 'request_changes']);
/** Steps that end or sour a flow: asked again before sending, with an optional reason. */
const REASON_OPTIONAL: ReadonlySet<FlowStepAction> = new Set(['return', 'transfer', 'mark_lost']);
const POSITIVE: ReadonlySet<FlowStepAction> = new Set(['approve', 'confirm_found', 'confirm_arrival', 'restore']);

const isStepAction = (action: string): action is FlowStepAction =>
  (FLOW_STEP_ACTIONS as readonly string[]).includes(action);

/** The step actions the server says the caller may take now, in its order. */
export function stepActionsOf(flow: FlowView): FlowStepAction[] {
  return flow.availableActions.filter(isStepAction);
}

function FlowFacts({ flow }: { flow: FlowView }) {
  return (
    <View>
      <InfoRow label="流出地党支部" value={flow.sendingBranchName} />
      {flow.receivingBranchName ? <InfoRow label="流入地党组织" value={flow.receivingBranchName} /> : null}
      <InfoRow label="手机号" value={flow.memberPhoneMasked} />
      <InfoRow label="外出时间" value={formatDateRange(flow.expectedFrom, flow.expectedUntil)} />
      {flow.side !== 'receiving' ? (
        <>
          <InfoRow label="去往地点" value={flow.destinationAddress} />
          <InfoRow label="行业" value={flow.industry} />
          <InfoRow label="工作" value={flow.occupation} />
          <InfoRow label="工作单位" value={flow.employer} />
          <InfoRow label="外出联系电话" value={flow.contactPhoneMasked} />
        </>
      ) : null}
    </View>
  );
}

/** confirm_arrival may place the member in a party group (党小组) of the receiving branch. */
function PartyGroupChoice({
  idPrefix,
  branchId,
  value,
  onChange,
}: {
  idPrefix: string;
  branchId: string;
  value: string | null;
  onChange: (groupId: string | null) => void;
}) {
  const { state } = useLoader(
    () => listOrgChildren(branchId).then((children) => children.filter((org) => org.level === 'group')),
    branchId,
  );
  if (state.status === 'loading') return <Text className="hint">正在加载党小组…</Text>;
  if (state.status === 'failed') return <Text className="hint">党小组没有加载出来，可以先不分配。</Text>;
  if (state.data.length === 0) return null;
  return (
    <View>
      <Text className="field__label">编入党小组（选填）</Text>
      <View className="chips">
        {[{ id: null, name: '暂不分配' }, ...state.data].map((group) => (
          <View
            key={group.id ?? 'none'}
            id={`${idPrefix}-group-${group.id ?? 'none'}`}
            className={`chip${value === group.id ? ' chip--selected' : ''}`}
            onClick={() => onChange(group.id)}
          >
            <Text>{group.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** One flow waiting for the caller: its facts and only the buttons the server says will work. */
export function PendingFlowCard({ item }: { item: FlowListItem }) {
  const idPrefix = `pending-${item.id}`;
  const detail = useLoader(() => fetchFlow(item.id), item.id);
  const [asking, setAsking] = useState<FlowStepAction | null>(null);
  const [reason, setReason] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [busy, setBusy] = useState<FlowStepAction | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ action: FlowStepAction; flow: FlowView } | null>(null);

  const send = (flow: FlowView, action: FlowStepAction) => {
    const trimmed = reason.trim();
    if (REASON_REQUIRED.has(action) && !trimmed) {
      setProblem('请填写理由，党员和对方支部会看到');
      return;
    }
    const request: FlowActionRequest = { action, expectedVersion: flow.version };
    if (trimmed && (REASON_REQUIRED.has(action) || REASON_OPTIONAL.has(action))) request.reason = trimmed;
    if (action === 'confirm_arrival' && groupId) request.partyGroupId = groupId;
    setBusy(action);
    setProblem(null);
    actOnFlow(flow.id, request)
      .then((next) => {
        setDone({ action, flow: next });
        setAsking(null);
        showToast(`已${FLOW_ACTION_LABELS[action]}`, 'success');
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(null));
  };

  const choose = (flow: FlowView, action: FlowStepAction) => {
    setProblem(null);
    const asks = REASON_REQUIRED.has(action) || REASON_OPTIONAL.has(action);
    const choosesGroup = action === 'confirm_arrival' && flow.receivingBranchId !== null;
    if (asks || choosesGroup) {
      setAsking(action);
      setReason('');
      setGroupId(null);
    } else {
      send(flow, action);
    }
  };

  const header = (
    <View className="list-item__head">
      <Text className="list-item__name">{item.memberName}</Text>
      <Text className="status-badge">{FLOW_STATUS_LABELS[done ? done.flow.status : item.status]}</Text>
    </View>
  );

  if (done) {
    return (
      <View className="card" id={idPrefix}>
        {header}
        <Text className="success-text" id={`${idPrefix}-done`}>
          {`已${FLOW_ACTION_LABELS[done.action]}`}
        </Text>
      </View>
    );
  }

  const { state } = detail;
  return (
    <View className="card" id={idPrefix}>
      {header}
      {state.status === 'loading' ? <LoadingView id={`${idPrefix}-loading`} /> : null}
      {state.status === 'failed' ? (
        <ErrorView id={`${idPrefix}-detail-error`} message={state.message} onRetry={detail.reload} />
      ) : null}
      {state.status === 'ready' ? (
        <View>
          <FlowFacts flow={state.data} />
          {asking ? (
            <View className="action-panel" id={`${idPrefix}-panel`}>
              {REASON_REQUIRED.has(asking) || REASON_OPTIONAL.has(asking) ? (
                <View className="field">
                  <Text className="field__label">{REASON_REQUIRED.has(asking) ? '理由（必填）' : '说明（选填）'}</Text>
                  <Textarea
                    id={`${idPrefix}-reason`}
                    className="field__textarea"
                    placeholder="如：外出地点不明确，请补充后重新报告"
                    maxlength={FLOW_NOTE_MAX}
                    value={reason}
                    onInput={(event) => setReason(event.detail.value)}
                  />
                </View>
              ) : null}
              {asking === 'confirm_arrival' && state.data.receivingBranchId ? (
                <PartyGroupChoice
                  idPrefix={idPrefix}
                  branchId={state.data.receivingBranchId}
                  value={groupId}
                  onChange={setGroupId}
                />
              ) : null}
              <BigButton
                id={`${idPrefix}-confirm`}
                busy={busy === asking}
                busyText="正在提交…"
                onClick={() => send(state.data, asking)}
              >
                {FLOW_ACTION_LABELS[asking].startsWith('确认')
                  ? FLOW_ACTION_LABELS[asking]
                  : `确认${FLOW_ACTION_LABELS[asking]}`}
              </BigButton>
              <BigButton id={`${idPrefix}-cancel`} kind="plain" onClick={() => setAsking(null)}>
                取消
              </BigButton>
            </View>
          ) : (
            <View className="section" id={`${idPrefix}-actions`}>
              {stepActionsOf(state.data).length === 0 ? (
                <Text className="hint">这一项需要对方处理，您暂时不用操作。</Text>
              ) : null}
              {stepActionsOf(state.data).map((action) => (
                <BigButton
                  key={action}
                  id={`${idPrefix}-${action}`}
                  kind={POSITIVE.has(action) ? 'primary' : 'secondary'}
                  busy={busy === action}
                  busyText="正在提交…"
                  disabled={busy !== null}
                  onClick={() => choose(state.data, action)}
                >
                  {FLOW_ACTION_LABELS[action]}
                </BigButton>
              ))}
            </View>
          )}
          {problem ? (
            <Text className="error-text" id={`${idPrefix}-error`}>
              {problem}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
