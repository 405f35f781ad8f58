import { Input, Text, View } from '@tarojs/components';
import { FLOW_STATUS_LABELS, type FlowStatus, type FlowView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateRange, formatDateTime } from '../../../../components/format';
import { InfoRow } from '../../../../components/info-row';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { DateField } from '../../../../platform/date-field';
import { Routes } from '../../../../routes';
import { fetchFlow, fetchMyCurrentFlow, reportOutflow } from '../../../../services/flows';
import { errorMessage } from '../../../../services/http';
import { resubmitOutflow } from '../../../../services/outflow';
import { COMMON_INDUSTRIES, EMPTY_REPORT_FORM, formFromFlow, reportRequestFrom, type ReportForm } from './report-form';

type TextKey = Exclude<keyof ReportForm, 'expectedFrom' | 'expectedUntil'>;

/** While the member is away (or about to be): the certificate stands and a return can be recorded. */
const AWAY: ReadonlySet<FlowStatus> = new Set(['approved', 'arrived', 'active']);

/** The member's flow that has not ended, in full; null when there is none. */
async function loadCurrentFlow(): Promise<FlowView | null> {
  const current = await fetchMyCurrentFlow();
  return current ? fetchFlow(current.id) : null;
}

function TextField({
  id,
  label,
  placeholder,
  value,
  maxlength,
  type,
  onChange,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  maxlength: number;
  type?: 'text' | 'number';
  onChange: (value: string) => void;
}) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        id={id}
        className="field__input"
        type={type ?? 'text'}
        placeholder={placeholder}
        maxlength={maxlength}
        value={value}
        onInput={(event) => onChange(event.detail.value)}
      />
    </View>
  );
}

/** Where the member's report stands, with the certificate and return registration once approved. */
function ReportStatus({ flow }: { flow: FlowView }) {
  const certificateNo = flow.side === 'receiving' ? null : flow.certificateNo;
  return (
    <View className="page">
      <View className="card" id="report-status">
        <Text className="title">我的外出报告</Text>
        <Text className="status-badge" id="report-status-label">
          {FLOW_STATUS_LABELS[flow.status]}
        </Text>
        <View className="section">
          <InfoRow label="流出地党支部" value={flow.sendingBranchName} />
          {flow.receivingBranchName ? <InfoRow label="流入地党组织" value={flow.receivingBranchName} /> : null}
          <InfoRow label="外出时间" value={formatDateRange(flow.expectedFrom, flow.expectedUntil)} />
          {flow.side !== 'receiving' ? <InfoRow label="去往地点" value={flow.destinationAddress} /> : null}
          {certificateNo ? <InfoRow id="report-certificate-no" label="活动证编号" value={certificateNo} /> : null}
        </View>
        {flow.status === 'reported' ? (
          <Text className="hint section">支部审批后会通知您；需要修改时，支部的意见会显示在这里。</Text>
        ) : null}
      </View>
      {certificateNo ? (
        <BigButton
          id="report-open-certificate"
          onClick={() => navigate.to(Routes.memberCertificate, { flowId: flow.id })}
        >
          出示流动党员活动证
        </BigButton>
      ) : null}
      {AWAY.has(flow.status) ? (
        <BigButton
          id="report-open-return"
          kind="secondary"
          onClick={() => navigate.to(Routes.memberReturn, { flowId: flow.id })}
        >
          返乡登记
        </BigButton>
      ) : null}
      <BigButton id="report-status-home" kind="plain" onClick={() => navigate.reLaunch(Routes.home)}>
        回到首页
      </BigButton>
    </View>
  );
}

/**
 * 外出报告: where the member is going, what work, for how long and how to reach them. When the
 * branch sent the report back, its comment is shown above the report as sent, to edit and resend;
 * once the report is in, the page shows where it stands.
 */
export default function ReportOutflowPage() {
  const session = useRequiredSession();
  const current = useLoader(loadCurrentFlow, session?.account.id ?? '', { auto: session !== null });
  const [form, setForm] = useState<ReportForm>(EMPTY_REPORT_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<FlowView | null>(null);

  const loaded = current.state.status === 'ready' ? current.state.data : null;
  const sentBack = loaded && loaded.status === 'changes_requested' && loaded.side !== 'receiving' ? loaded : null;

  useEffect(() => {
    if (sentBack) setForm(formFromFlow(sentBack));
  }, [sentBack]);

  const set = (key: keyof ReportForm) => (value: string) => setForm((before) => ({ ...before, [key]: value }));
  const text = (key: TextKey) => ({ value: form[key], onChange: set(key) });

  const submit = () => {
    if (busy) return;
    const request = reportRequestFrom(form);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    const sending = sentBack
      ? resubmitOutflow(sentBack.id, { ...request, expectedVersion: sentBack.version })
      : reportOutflow(request);
    sending
      .then(setDone)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  if (!session || current.state.status === 'loading') return <LoadingView id="report-loading" />;

  if (current.state.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="report-load-error" message={current.state.message} onRetry={current.reload} />
      </View>
    );
  }

  if (done) {
    return (
      <View className="page">
        <View className="card" id="report-done">
          <Text className="title">{sentBack ? '修改后的外出报告已提交' : '外出报告已提交'}</Text>
          <Text className="status-badge" id="report-done-status">
            {FLOW_STATUS_LABELS[done.status]}
          </Text>
          <Text className="hint section">{`${done.sendingBranchName}审批后会通知您。到达后，请扫当地党组织的报到码报到。`}</Text>
          <BigButton id="report-done-home" onClick={() => navigate.reLaunch(Routes.home)}>
            回到首页
          </BigButton>
        </View>
      </View>
    );
  }

  if (loaded && !sentBack) return <ReportStatus flow={loaded} />;

  return (
    <View className="page">
      {sentBack ? (
        <View className="card" id="report-changes">
          <Text className="title">支部请您修改外出报告</Text>
          <Text className="text section" id="report-changes-comment">
            {sentBack.changesRequested?.comment ?? '请按支部的要求修改后重新提交。'}
          </Text>
          {sentBack.changesRequested ? (
            <Text className="hint">{`${sentBack.sendingBranchName} · ${formatDateTime(sentBack.changesRequested.at)}`}</Text>
          ) : null}
        </View>
      ) : null}
      <View className="card" id="report-form">
        <Text className="title">{sentBack ? '修改外出报告' : '报告外出'}</Text>
        <Text className="hint">外出务工、经商或居住前，请向支部报告去向，便于支部和当地党组织联系您。</Text>
        <View className="section">
          <TextField
            id="report-address"
            label="去往地点"
            placeholder="如：江苏省苏州市太仓市璜泾镇"
            maxlength={200}
            {...text('destinationAddress')}
          />
          <View className="field">
            <Text className="field__label">从事行业</Text>
            <Input
              id="report-industry"
              className="field__input"
              placeholder="可点下面的常见行业"
              maxlength={50}
              value={form.industry}
              onInput={(event) => set('industry')(event.detail.value)}
            />
            <View className="chips" id="report-industry-choices">
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
          <TextField
            id="report-occupation"
            label="从事工作"
            placeholder="如：货车司机、快递员、电工"
            maxlength={50}
            {...text('occupation')}
          />
          <TextField
            id="report-employer"
            label="工作单位"
            placeholder="个体经营请填“个体”"
            maxlength={100}
            {...text('employer')}
          />
          <View className="field">
            <Text className="field__label">预计外出日期</Text>
            <DateField
              id="report-from"
              value={form.expectedFrom}
              placeholder="请选择日期"
              onChange={set('expectedFrom')}
            />
          </View>
          <View className="field">
            <Text className="field__label">预计返回日期</Text>
            <DateField
              id="report-until"
              value={form.expectedUntil}
              placeholder="请选择日期"
              start={form.expectedFrom || undefined}
              onChange={set('expectedUntil')}
            />
          </View>
          <TextField
            id="report-phone"
            label="外出期间联系电话"
            placeholder="11 位手机号，只有本支部能看到完整号码"
            maxlength={11}
            type="number"
            {...text('contactPhone')}
          />
          <TextField
            id="report-contact"
            label="其他联系方式（选填）"
            placeholder="如：另一个手机号、微信号"
            maxlength={200}
            {...text('contactNote')}
          />
          <TextField
            id="report-region"
            label="目的地地区代码（选填）"
            placeholder="6 位数字，不清楚可以不填"
            maxlength={6}
            type="number"
            {...text('destinationRegionCode')}
          />
        </View>

        {problem ? (
          <Text className="error-text" id="report-error">
            {problem}
          </Text>
        ) : null}
        <BigButton id="report-submit" busy={busy} busyText="正在提交…" onClick={submit}>
          {sentBack ? '重新提交外出报告' : '提交外出报告'}
        </BigButton>
      </View>
    </View>
  );
}
