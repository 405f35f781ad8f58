import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  ARRIVAL_STAY_LABELS,
  ARRIVAL_STAY_OPTIONS,
  ERROR_MESSAGES,
  FLOW_STATUS_LABELS,
  parseCode,
  type ArrivalRequest,
  type ArrivalResult,
  type BranchSummary,
  type FlowStatus,
} from '@pioneer/shared';
import { useEffect, useRef, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { InfoRow } from '../../../../components/info-row';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { checkinQueue, isUnreachable, submissionVerdict } from '../../../../services/checkin-queue';
import { arrive, resolveCode } from '../../../../services/checkins';
import { fetchFlow, fetchMyCurrentFlow } from '../../../../services/flows';
import { errorMessage, newIdempotencyKey } from '../../../../services/http';
import { codeParam } from '../../code-param';
import { FlowSteps } from '../../components/flow-steps';
import { SavedOffline } from '../../components/saved-offline';
import { UnboundNotice } from '../../components/unbound-notice';
import { COMMON_INDUSTRIES } from '../report/report-form';
import {
  ARRIVAL_TEXT_MAX,
  EMPTY_ARRIVAL_FORM,
  arrivalFactsFrom,
  arrivalFormFromFlow,
  type ArrivalForm,
} from './arrival-form';
import '../../member.css';

const NEXT_STEP: Partial<Record<FlowStatus, string>> = {
  arrived: '当地党组织确认后会通知您，之后就可以参加这里的组织生活了。',
  active: '您已由两地党组织共同管理，请按时参加当地党组织的活动和学习。',
};

/** The form filled in from the member's current flow, or null when there is none to start from. */
async function loadPrefill(): Promise<ArrivalForm | null> {
  const current = await fetchMyCurrentFlow();
  if (!current) return null;
  return arrivalFormFromFlow(await fetchFlow(current.id), new Date());
}

function TextField({
  id,
  label,
  placeholder,
  value,
  maxlength,
  onChange,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  maxlength: number;
  onChange: (value: string) => void;
}) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        id={id}
        className="field__input"
        placeholder={placeholder}
        maxlength={maxlength}
        value={value}
        onInput={(event) => onChange(event.detail.value)}
      />
    </View>
  );
}

function BranchCard({ branch }: { branch: BranchSummary }) {
  return (
    <View className="card" id="arrival-branch">
      <Text className="hint">您正在向这个党组织报到</Text>
      <Text className="branch-name" id="arrival-branch-name">
        {branch.name}
      </Text>
      <View className="section">
        {branch.parentNames.length > 0 ? (
          <InfoRow id="arrival-branch-parents" label="所属" value={branch.parentNames.join(' · ')} />
        ) : null}
        <InfoRow id="arrival-branch-address" label="地址" value={branch.address} />
        {branch.activityDay ? <InfoRow label="固定活动日" value={branch.activityDay} /> : null}
      </View>
      <Text className="hint section">请核对这是不是您现在所在地的党组织。不是的话请不要提交，重新扫码。</Text>
    </View>
  );
}

function Done({ result, branchName }: { result: ArrivalResult; branchName: string | null }) {
  const { flow } = result;
  return (
    <View className="card" id="arrival-done">
      <Text className="result-mark">✓</Text>
      <Text className="result-title" id="arrival-done-title">
        {result.repeated ? '您已向这里报到过' : '报到成功'}
      </Text>
      <Text className="branch-name">{flow.receivingBranchName ?? branchName ?? ''}</Text>
      <View className="section">
        <Text className="status-badge" id="arrival-done-status">
          {FLOW_STATUS_LABELS[flow.status]}
        </Text>
      </View>
      <FlowSteps id="arrival-steps" origin={flow.origin} status={flow.status} />
      {NEXT_STEP[flow.status] ? <Text className="hint section">{NEXT_STEP[flow.status]}</Text> : null}
      <BigButton id="arrival-done-home" onClick={() => navigate.reLaunch(Routes.home)}>
        回到首页
      </BigButton>
    </View>
  );
}

type Outcome = { kind: 'done'; result: ArrivalResult } | { kind: 'queued'; scannedAt: string } | null;

/** 报到: which branch the code belongs to, the 四清 facts, and where the member's flow stands afterwards. */
export default function ArrivalPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const code = codeParam(params.code);
  const kind = parseCode(code)?.kind;
  const isBranchCode = kind === 'branch' || kind === 'fallback';
  const memberId = session?.account.memberId ?? null;
  const canArrive = isBranchCode && memberId !== null;

  const place = useLoader(() => resolveCode(code), code, { auto: canArrive });
  const [form, setForm] = useState<ArrivalForm>(EMPTY_ARRIVAL_FORM);
  const [prefilled, setPrefilled] = useState(false);
  const touched = useRef(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // One arrival attempt, one clientId: retries and the offline queue send the same, so it counts once.
  const clientId = useRef(newIdempotencyKey());
  const openedAt = useRef(new Date().toISOString());

  useEffect(() => {
    if (!canArrive) return;
    let live = true;
    loadPrefill()
      .then((filled) => {
        if (live && filled && !touched.current) {
          setForm(filled);
          setPrefilled(true);
        }
      })
      // Without the flow the member fills the form in themselves.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [canArrive]);

  const set = (key: keyof ArrivalForm) => (value: string) => {
    touched.current = true;
    setForm((before) => ({ ...before, [key]: value }));
  };

  const branch = place.state.status === 'ready' && place.state.data.kind === 'branch' ? place.state.data.branch : null;

  const submit = () => {
    if (busy) return;
    const facts = arrivalFactsFrom(form);
    if (typeof facts === 'string') {
      setProblem(facts);
      return;
    }
    const request: ArrivalRequest = { code, clientId: clientId.current, facts };
    setBusy(true);
    setProblem(null);
    arrive(request)
      .then((result) => setOutcome({ kind: 'done', result }))
      .catch((cause: unknown) => {
        const scannedAt = openedAt.current;
        if (
          isUnreachable(cause) &&
          checkinQueue.enqueue({ kind: 'arrival', request, label: branch?.name ?? '报到', scannedAt })
        ) {
          setOutcome({ kind: 'queued', scannedAt });
          return;
        }
        // The server turned this content down; what the member sends after correcting it is a new attempt.
        if (submissionVerdict(cause) === 'refused') clientId.current = newIdempotencyKey();
        setProblem(errorMessage(cause));
      })
      .finally(() => setBusy(false));
  };

  if (!session) return <LoadingView />;

  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="arrival-unbound" doing="报到" />
      </View>
    );
  }

  if (!isBranchCode) {
    return (
      <View className="page">
        <View className="card" id="arrival-bad-code">
          <Text className="subtitle">{kind === 'activity' ? '这是活动签到码' : '无法识别这个报到码'}</Text>
          <Text className="hint">
            {kind === 'activity' ? '这个二维码用于活动签到，不用于报到。' : ERROR_MESSAGES.CODE_MALFORMED}
          </Text>
          {kind === 'activity' ? (
            <BigButton id="arrival-to-checkin" onClick={() => navigate.to(Routes.memberCheckin, { code })}>
              去签到
            </BigButton>
          ) : null}
          <BigButton id="arrival-rescan" kind="secondary" onClick={() => navigate.to(Routes.scan)}>
            重新扫码
          </BigButton>
        </View>
      </View>
    );
  }

  if (outcome?.kind === 'done') {
    return (
      <View className="page">
        <Done result={outcome.result} branchName={branch?.name ?? null} />
      </View>
    );
  }

  if (outcome?.kind === 'queued') {
    return (
      <View className="page">
        <SavedOffline id="arrival-queued" what="报到" scannedAt={outcome.scannedAt} />
      </View>
    );
  }

  const { state } = place;
  const unreachable = state.status === 'failed' && isUnreachable(state.error);
  const refused = state.status === 'failed' && !unreachable;
  const activity = state.status === 'ready' && state.data.kind === 'activity';
  const showForm = branch !== null || unreachable;

  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="arrival-loading" text="正在确认是哪个党组织…" /> : null}
      {branch ? <BranchCard branch={branch} /> : null}
      {unreachable ? (
        <ErrorView
          id="arrival-error"
          message="网络不给力，暂时查不到是哪个党组织。可以先填写下面的信息，提交时仍没有网络的话，会保存在手机上，联网后自动提交。"
          onRetry={place.reload}
        />
      ) : null}
      {refused ? (
        <View className="card">
          <ErrorView id="arrival-error" message={state.message} />
          <BigButton id="arrival-rescan" kind="secondary" onClick={() => navigate.to(Routes.scan)}>
            重新扫码
          </BigButton>
        </View>
      ) : null}
      {activity ? (
        <View className="card" id="arrival-bad-code">
          <Text className="subtitle">这是活动签到码</Text>
          <BigButton id="arrival-to-checkin" onClick={() => navigate.to(Routes.memberCheckin, { code })}>
            去签到
          </BigButton>
        </View>
      ) : null}

      {showForm ? (
        <View className="card" id="arrival-form">
          <Text className="subtitle">填写您在这里的情况</Text>
          <Text className="hint">住在哪里、在哪工作、待多久，方便当地党组织联系您、安排组织生活。</Text>
          {prefilled ? (
            <Text className="hint section" id="arrival-prefilled">
              已按您的外出报告填好，请核对，有变化请直接修改。
            </Text>
          ) : null}
          <View className="section">
            <TextField
              id="arrival-residence"
              label="现在住在哪里"
              placeholder="如：太仓市璜泾镇某某小区"
              maxlength={ARRIVAL_TEXT_MAX.residence}
              value={form.residence}
              onChange={set('residence')}
            />
            <TextField
              id="arrival-employer"
              label="在哪里工作（选填）"
              placeholder="单位名称，个体经营请填“个体”"
              maxlength={ARRIVAL_TEXT_MAX.employer}
              value={form.employer}
              onChange={set('employer')}
            />
            <TextField
              id="arrival-occupation"
              label="做什么工作（选填）"
              placeholder="如：货车司机、快递员、电工"
              maxlength={ARRIVAL_TEXT_MAX.occupation}
              value={form.occupation}
              onChange={set('occupation')}
            />
            <View className="field">
              <TextField
                id="arrival-industry"
                label="从事行业（选填）"
                placeholder="可点下面的常见行业"
                maxlength={ARRIVAL_TEXT_MAX.industry}
                value={form.industry}
                onChange={set('industry')}
              />
              <View className="chips" id="arrival-industry-choices">
                {COMMON_INDUSTRIES.map((industry) => (
                  <View
                    key={industry}
                    className={`chip${form.industry === industry ? ' chip--selected' : ''}`}
                    onClick={() => set('industry')(industry)}
                  >
                    <Text>{industry}</Text>
                  </View>
                ))}
              </View>
            </View>
            <View className="field">
              <Text className="field__label">准备在这里待多久</Text>
              <View className="chips" id="arrival-stay">
                {ARRIVAL_STAY_OPTIONS.map((stay) => (
                  <View
                    key={stay}
                    id={`arrival-stay-${stay}`}
                    className={`chip${form.stay === stay ? ' chip--selected' : ''}`}
                    aria-selected={form.stay === stay ? 'true' : 'false'}
                    onClick={() => set('stay')(stay)}
                  >
                    <Text>{ARRIVAL_STAY_LABELS[stay]}</Text>
                  </View>
                ))}
              </View>
            </View>
          </View>
          {problem ? (
            <Text className="error-text" id="arrival-problem">
              {problem}
            </Text>
          ) : null}
          <BigButton id="arrival-submit" busy={busy} busyText="正在报到…" onClick={submit}>
            确认报到
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
