import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  HOME_STAY_NOTE_MAX,
  HOME_STAY_OCCASION_LABELS,
  HOME_STAY_OCCASIONS,
  RETURN_KIND_LABELS,
  RETURN_KINDS,
  type FlowStatus,
  type RecordReturnResult,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { todayIso } from '../../../../components/format';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { DateField } from '../../../../platform/date-field';
import { Routes } from '../../../../routes';
import { fetchFlow, fetchMyCurrentFlow } from '../../../../services/flows';
import { errorMessage } from '../../../../services/http';
import { recordReturn } from '../../../../services/outflow';
import { EMPTY_RETURN_FORM, returnRequestFrom, type ReturnForm } from './return-form';

/** A return can be recorded while the member is away. */
const AWAY: ReadonlySet<FlowStatus> = new Set(['approved', 'arrived', 'active']);

async function loadFlow(flowId: string | undefined) {
  const id = flowId || (await fetchMyCurrentFlow())?.id;
  return id ? fetchFlow(id) : null;
}

/**
 * 返乡登记: home for the holidays (春节、中秋、国庆…; the branch can invite the member to its
 * gatherings and catch-up study, and the flow goes on) or home for good (the flow ends).
 */
export default function ReturnPage() {
  const session = useRequiredSession();
  const flowId = useRouter().params.flowId;
  const { state, reload } = useLoader(() => loadFlow(flowId), flowId ?? '', { auto: session !== null });
  const [form, setForm] = useState<ReturnForm>(EMPTY_RETURN_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<RecordReturnResult | null>(null);

  const set =
    <K extends keyof ReturnForm>(key: K) =>
    (value: ReturnForm[K]) =>
      setForm((before) => ({ ...before, [key]: value }));

  if (!session || state.status === 'loading') return <LoadingView id="return-loading" />;
  if (state.status === 'failed')
    return (
      <View className="page">
        <ErrorView id="return-error" message={state.message} onRetry={reload} />
      </View>
    );
  const flow = state.data;
  if (!flow || !AWAY.has(flow.status))
    return (
      <View className="page">
        <EmptyState
          id="return-empty"
          title="现在不需要返乡登记"
          description="外出报告批准后、在外地期间，回乡时可以在这里登记。"
        />
        <BigButton id="return-home" kind="plain" onClick={() => navigate.reLaunch(Routes.home)}>
          回到首页
        </BigButton>
      </View>
    );

  const submit = () => {
    if (busy) return;
    const request = returnRequestFrom(form, todayIso());
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    if (request.kind === 'permanent') request.expectedVersion = flow.version;
    setBusy(true);
    setProblem(null);
    recordReturn(flow.id, request)
      .then(setDone)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  if (done) {
    return (
      <View className="page">
        <View className="card" id="return-done">
          <Text className="title">返乡登记已提交</Text>
          <Text className="text section" id="return-done-text">
            {done.homeStay
              ? `已登记 ${done.homeStay.homeFrom} 至 ${done.homeStay.homeUntil} 临时返乡，${flow.sendingBranchName}会邀请您参加乡情恳谈会和返乡补学。`
              : `已登记返乡，不再外出。欢迎回到${flow.sendingBranchName}参加组织生活。`}
          </Text>
          <BigButton id="return-done-home" onClick={() => navigate.reLaunch(Routes.home)}>
            回到首页
          </BigButton>
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      <View className="card" id="return-form">
        <Text className="title">返乡登记</Text>
        <Text className="hint">{`${flow.memberName}，组织关系在${flow.sendingBranchName}`}</Text>
        <View className="chips section" id="return-kinds">
          {RETURN_KINDS.map((kind) => (
            <View
              key={kind}
              id={`return-kind-${kind}`}
              className={`chip${form.kind === kind ? ' chip--selected' : ''}`}
              onClick={() => set('kind')(kind)}
            >
              <Text>{RETURN_KIND_LABELS[kind]}</Text>
            </View>
          ))}
        </View>
        {form.kind === 'holiday' ? (
          <View className="section">
            <View className="chips" id="return-occasions">
              {HOME_STAY_OCCASIONS.map((occasion) => (
                <View
                  key={occasion}
                  id={`return-occasion-${occasion}`}
                  className={`chip${form.occasion === occasion ? ' chip--selected' : ''}`}
                  onClick={() => set('occasion')(occasion)}
                >
                  <Text>{HOME_STAY_OCCASION_LABELS[occasion]}</Text>
                </View>
              ))}
            </View>
            <View className="field">
              <Text className="field__label">到家日期</Text>
              <DateField id="return-from" value={form.homeFrom} placeholder="请选择日期" onChange={set('homeFrom')} />
            </View>
            <View className="field">
              <Text className="field__label">离家日期</Text>
              <DateField
                id="return-until"
                value={form.homeUntil}
                placeholder="请选择日期"
                start={form.homeFrom || undefined}
                onChange={set('homeUntil')}
              />
            </View>
          </View>
        ) : null}
        {form.kind === 'permanent' ? (
          <Text className="hint section" id="return-permanent-hint">
            登记后这次外出就结束了，当地党组织不再管理您。以后再外出，请重新报告。
          </Text>
        ) : null}
        {form.kind ? (
          <View className="field">
            <Text className="field__label">说明（选填）</Text>
            <Textarea
              id="return-note"
              className="field__textarea"
              maxlength={HOME_STAY_NOTE_MAX}
              value={form.note}
              onInput={(event) => set('note')(event.detail.value)}
            />
          </View>
        ) : null}
        {problem ? (
          <Text className="error-text" id="return-problem">
            {problem}
          </Text>
        ) : null}
        <BigButton id="return-submit" busy={busy} busyText="正在提交…" onClick={submit}>
          提交返乡登记
        </BigButton>
      </View>
    </View>
  );
}
