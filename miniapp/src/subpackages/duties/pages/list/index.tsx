import { Text, Textarea, View } from '@tarojs/components';
import { usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  RESPONSIBILITY_CADENCE_LABELS,
  RESPONSIBILITY_EVIDENCE_MAX,
  RESPONSIBILITY_SIDE_LABELS,
  RESPONSIBILITY_SIDES,
  type FlowResponsibilitiesView,
  type FlowResponsibilityView,
  type FlowResponsibilityStatus,
} from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { errorMessage } from '../../../../services/http';
import { fetchFlowDuties, fetchItemDuties, markDutyDone } from '../../../../services/responsibilities';
import '../../duties.css';

const SIDE_TITLES: Record<FlowResponsibilitiesView['side'], string> = {
  sending: '您是流出地党组织',
  receiving: '您是流入地党组织',
  self: '我的责任',
};

/** What the tag on an item says. */
export function dutyStatusLabel(item: Pick<FlowResponsibilityView, 'status' | 'cadence'>): string {
  const labels: Record<FlowResponsibilityStatus, string> = {
    open: '待完成',
    done: item.cadence === 'once' ? '已完成' : '本期已完成',
    overdue: '已逾期',
  };
  return labels[item.status];
}

function DutyCard({
  item,
  onMarked,
}: {
  item: FlowResponsibilityView;
  onMarked: (list: FlowResponsibilitiesView) => void;
}) {
  const idPrefix = `duty-${item.id}`;
  const [writing, setWriting] = useState(false);
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const trimmed = evidence.trim();
    if (!trimmed) {
      setProblem('请写明做了什么，例如“3月12日电话联系，已了解近况”');
      return;
    }
    setBusy(true);
    setProblem(null);
    markDutyDone(item.id, trimmed)
      .then((list) => {
        setWriting(false);
        setEvidence('');
        showToast('已标记完成', 'success');
        onMarked(list);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id={idPrefix}>
      <View className="duty__head">
        <Text className="subtitle">{item.title}</Text>
        <Text className={`duty__status duty__status--${item.status}`} id={`${idPrefix}-status`}>
          {dutyStatusLabel(item)}
        </Text>
      </View>
      <Text className="hint">
        {`${RESPONSIBILITY_CADENCE_LABELS[item.cadence]}${item.dueOn ? ` · ${item.status === 'done' && item.cadence !== 'once' ? '下次' : ''}截止 ${item.dueOn}` : ''}`}
      </Text>
      {item.evidence ? (
        <Text className="duty__evidence" id={`${idPrefix}-evidence`}>
          {`最近一次：${item.evidence}${item.history[0]?.doneByName ? `（${item.history[0].doneByName}）` : ''}`}
        </Text>
      ) : null}
      {item.canMark && !writing ? (
        <BigButton id={`${idPrefix}-mark`} kind="secondary" onClick={() => setWriting(true)}>
          标记完成
        </BigButton>
      ) : null}
      {writing ? (
        <View className="field">
          <Text className="field__label">做了什么（留痕，对方支部也能看到）</Text>
          <Textarea
            id={`${idPrefix}-evidence-input`}
            className="field__textarea"
            value={evidence}
            maxlength={RESPONSIBILITY_EVIDENCE_MAX}
            placeholder="例如：3月12日电话联系，已了解近况"
            onInput={(e) => setEvidence(e.detail.value)}
          />
          {problem ? (
            <Text className="error-text" id={`${idPrefix}-problem`}>
              {problem}
            </Text>
          ) : null}
          <BigButton id={`${idPrefix}-submit`} busy={busy} busyText="正在提交…" onClick={submit}>
            确认完成
          </BigButton>
          <BigButton id={`${idPrefix}-cancel`} kind="plain" onClick={() => setWriting(false)}>
            取消
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}

/** 三张责任清单 of one flow: `?flowId=`, or `?itemId=` from an inbox to-do. Each side marks its own items. */
export default function DutiesListPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const flowId = params.flowId ?? '';
  const itemId = params.itemId ?? '';
  const { state, reload, setData } = useLoader(
    () => (itemId ? fetchItemDuties(itemId) : fetchFlowDuties(flowId)),
    `${flowId}|${itemId}`,
  );

  usePullDownRefresh(reload);
  useEffect(() => {
    if (state.status !== 'loading') stopPullDownRefresh();
  }, [state.status]);

  if (!session || state.status === 'loading') return <LoadingView id="duties-loading" />;
  if (!flowId && !itemId) return <ErrorView id="duties-error" message="没有指定哪条流动记录" />;
  if (state.status === 'failed') return <ErrorView id="duties-error" message={state.message} onRetry={reload} />;
  const list = state.data;
  const overdue = list.items.filter((i) => i.status === 'overdue').length;
  return (
    <View className="page">
      <View className="card" id="duties-summary">
        <Text className="title">{SIDE_TITLES[list.side]}</Text>
        <Text className="text">
          {`共 ${list.items.length} 项，本期已完成 ${list.items.filter((i) => i.status === 'done').length} 项`}
          {overdue > 0 ? `，逾期 ${overdue} 项` : ''}
        </Text>
      </View>
      {list.items.length === 0 ? (
        <EmptyState
          id="duties-empty"
          title="还没有责任清单"
          description="进入双向共管后，系统会按县里的清单生成三张责任清单。"
        />
      ) : null}
      {RESPONSIBILITY_SIDES.map((side) => {
        const items = list.items.filter((i) => i.side === side);
        if (items.length === 0) return null;
        return (
          <View className="section" key={side} id={`duties-${side}`}>
            <Text className="subtitle">{RESPONSIBILITY_SIDE_LABELS[side]}</Text>
            {items.map((item) => (
              <DutyCard key={item.id} item={item} onMarked={setData} />
            ))}
          </View>
        );
      })}
    </View>
  );
}
