import { Input, Text, View } from '@tarojs/components';
import { FLOW_STATUS_LABELS, type FlowView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { DateField } from '../../../../platform/date-field';
import { Routes } from '../../../../routes';
import { reportOutflow } from '../../../../services/flows';
import { errorMessage } from '../../../../services/http';
import { COMMON_INDUSTRIES, EMPTY_REPORT_FORM, reportRequestFrom, type ReportForm } from './report-form';

type TextKey = Exclude<keyof ReportForm, 'expectedFrom' | 'expectedUntil'>;

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

/** 外出报告: where the member is going, what work, and for how long. */
export default function ReportOutflowPage() {
  const session = useRequiredSession();
  const [form, setForm] = useState<ReportForm>(EMPTY_REPORT_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<FlowView | null>(null);

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
    reportOutflow(request)
      .then(setDone)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  if (!session) return <LoadingView />;

  if (done) {
    return (
      <View className="page">
        <View className="card" id="report-done">
          <Text className="title">外出报告已提交</Text>
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

  return (
    <View className="page">
      <View className="card" id="report-form">
        <Text className="title">报告外出</Text>
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
            id="report-contact"
            label="外出期间联系方式（选填）"
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
          提交外出报告
        </BigButton>
      </View>
    </View>
  );
}
