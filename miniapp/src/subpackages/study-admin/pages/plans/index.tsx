import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { OrgView, StudyPlanRule } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { Segmented } from '../../../../components/segmented';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { listPlanRules, setPlanRule } from '../../../../services/study';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import '../../study-admin.css';
import { EMPTY_PLAN_FORM, planFormFrom, planRequestFrom, type PlanForm } from './plan-form';

function NumberField({
  id,
  label,
  hint,
  value,
  digit,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  digit?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        id={id}
        className="field__input"
        type={digit ? 'digit' : 'number'}
        value={value}
        onInput={(event) => onChange(event.detail.value)}
      />
      <Text className="hint">{hint}</Text>
    </View>
  );
}

function RuleForm({ org, year, rule }: { org: OrgView; year: number; rule: StudyPlanRule | null }) {
  const [form, setForm] = useState<PlanForm>(rule ? planFormFrom(rule) : EMPTY_PLAN_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (key: keyof PlanForm) => (value: string) => {
    setSaved(false);
    setForm((before) => ({ ...before, [key]: value }));
  };

  const save = () => {
    const request = planRequestFrom(form, org.id, year);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    setPlanRule(request)
      .then(() => {
        setSaved(true);
        showToast('学习计划已保存', 'success');
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="plan-rule">
      <Text className="subtitle">{`${org.name} ${year} 年自主选学要求`}</Text>
      <Text className="hint" id="plan-rule-state">
        {rule ? '已制定，可以修改。' : '还没有制定。制定后，本组织的党员会在“学习”里看到自己的进度。'}
      </Text>
      <NumberField
        id="plan-hours"
        label="全年学习时长（小时）"
        hint="党员阅读、收听学习礼包计入的有效时长，可填一位小数。"
        value={form.requiredHours}
        digit
        onChange={set('requiredHours')}
      />
      <NumberField
        id="plan-activities"
        label="全年参加活动（次）"
        hint="三会一课、主题党日、返乡补学等签到过的活动。"
        value={form.requiredActivities}
        onChange={set('requiredActivities')}
      />
      <NumberField
        id="plan-electives"
        label="自主选学（项）"
        hint="党员从收到的学习礼包中自己选几项学习。"
        value={form.electives}
        onChange={set('electives')}
      />
      {problem ? (
        <Text className="error-text" id="plan-rule-problem">
          {problem}
        </Text>
      ) : null}
      {saved ? (
        <Text className="success-text" id="plan-rule-saved">
          已保存
        </Text>
      ) : null}
      <BigButton id="plan-save" busy={busy} busyText="正在保存…" onClick={save}>
        保存
      </BigButton>
    </View>
  );
}

/** The plan set higher up, which the org's members follow until it sets its own (the last rule is nearest). */
function Inherited({ org, rules }: { org: OrgView; rules: readonly StudyPlanRule[] }) {
  const above = rules.filter((rule) => rule.orgId !== org.id);
  const nearest = above[above.length - 1];
  if (!nearest) return null;
  const own = rules.some((rule) => rule.orgId === org.id);
  return (
    <View className="card" id="plan-inherited">
      <Text className="text">{`${nearest.orgName}的要求：全年 ${nearest.requiredHours} 小时、参加活动 ${nearest.requiredActivities} 次、自主选学 ${nearest.electives} 项。`}</Text>
      <Text className="hint">
        {own ? '本组织已单独制定，党员按本组织的要求。' : '本组织没有单独制定时，党员按这个要求。'}
      </Text>
    </View>
  );
}

function OrgPlan({ org }: { org: OrgView }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const rules = useLoader(() => listPlanRules(org.id, year), `${org.id}/${year}`);
  const { state } = rules;
  const years = [
    { value: String(thisYear), label: `${thisYear} 年`, id: 'plan-year-this' },
    { value: String(thisYear + 1), label: `${thisYear + 1} 年`, id: 'plan-year-next' },
  ];
  return (
    <View>
      <Segmented id="plan-year" options={years} value={String(year)} onChange={(value) => setYear(Number(value))} />
      {state.status === 'loading' ? <LoadingView id="plan-rule-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="plan-rule-error" message={state.message} onRetry={rules.reload} />
      ) : null}
      {state.status === 'ready' ? <Inherited org={org} rules={state.data} /> : null}
      {state.status === 'ready' ? (
        <RuleForm
          key={`${org.id}/${year}`}
          org={org}
          year={year}
          rule={state.data.find((rule) => rule.orgId === org.id && rule.year === year) ?? null}
        />
      ) : null}
    </View>
  );
}

/** 自主选学计划: the yearly requirement an org sets for its members with irregular hours (?orgId=). */
export default function StudyPlansPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="plan-orgs" choice={choice} />
      {choice.current ? <OrgPlan key={choice.current.id} org={choice.current} /> : null}
    </View>
  );
}
