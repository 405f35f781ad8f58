import { Input, Switch, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  type ActivityKind,
  type OrgView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { todayIso } from '../../../../components/format';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { getLocation, navigate, showToast } from '../../../../platform';
import { DateField } from '../../../../platform/date-field';
import { TimeField } from '../../../../platform/time-field';
import { Routes } from '../../../../routes';
import { createActivity } from '../../../../services/activities';
import { errorMessage } from '../../../../services/http';
import { BranchChoiceBar, useBranchChoice } from '../../components/branch-choice';
import '../../secretary.css';
import { EMPTY_ACTIVITY_FORM, KIND_GROUPS, activityRequestFrom, checkoutOf, type ActivityForm } from './activity-form';

function NewActivityForm({ branch, initialKind }: { branch: OrgView; initialKind: ActivityKind | null }) {
  const [form, setForm] = useState<ActivityForm>({ ...EMPTY_ACTIVITY_FORM, kind: initialKind });
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const set = <K extends keyof ActivityForm>(key: K, value: ActivityForm[K]) =>
    setForm((before) => ({ ...before, [key]: value }));

  const locate = () => {
    setLocating(true);
    getLocation()
      .then((at) => set('location', { lat: at.latitude, lng: at.longitude }))
      .catch((cause: unknown) => showToast(errorMessage(cause)))
      .finally(() => setLocating(false));
  };

  const submit = () => {
    if (busy) return;
    const request = activityRequestFrom(form, branch.id);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    createActivity(request)
      .then((activity) => {
        // Back from the activity page lands on a clean form, not on this one filled in again.
        setForm(EMPTY_ACTIVITY_FORM);
        showToast('活动已发起', 'success');
        navigate.to(Routes.secretaryActivity, { id: activity.id });
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="activity-form">
      <Text className="title">发起活动</Text>
      <Text className="hint">{`为${branch.name}发起一次活动。开始后在现场打开签到大屏，党员扫码签到。`}</Text>

      <View className="field section" id="activity-kind">
        <Text className="field__label">活动类型</Text>
        {KIND_GROUPS.map((group) => (
          <View key={group.label} className="kind-group">
            <Text className="hint">{group.label}</Text>
            <View className="chips">
              {group.kinds.map((kind) => (
                <View
                  key={kind}
                  id={`activity-kind-${kind}`}
                  className={`chip${form.kind === kind ? ' chip--selected' : ''}`}
                  onClick={() => set('kind', kind)}
                >
                  <Text>{ACTIVITY_KIND_LABELS[kind]}</Text>
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>

      <View className="field">
        <Text className="field__label">活动名称</Text>
        <Input
          id="activity-title"
          className="field__input"
          placeholder="如：3月主题党日·学雷锋志愿服务"
          maxlength={ACTIVITY_TITLE_MAX}
          value={form.title}
          onInput={(event) => set('title', event.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">活动地点</Text>
        <Input
          id="activity-place"
          className="field__input"
          placeholder="如：村党群服务中心二楼会议室"
          maxlength={ACTIVITY_PLACE_MAX}
          value={form.place}
          onInput={(event) => set('place', event.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">活动日期</Text>
        <DateField
          id="activity-date"
          value={form.date}
          placeholder="请选择日期"
          start={todayIso()}
          onChange={(value) => set('date', value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">开始时间</Text>
        <TimeField
          id="activity-start"
          value={form.startTime}
          placeholder="请选择时间"
          onChange={(value) => set('startTime', value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">结束时间</Text>
        <TimeField
          id="activity-end"
          value={form.endTime}
          placeholder="请选择时间"
          onChange={(value) => set('endTime', value)}
        />
      </View>

      <View className="field">
        <View className="switch-row">
          <Text className="field__label">离开时签退</Text>
          <Switch
            id="activity-checkout"
            color="#C8161D"
            checked={checkoutOf(form)}
            onChange={(event) => set('checkout', Boolean(event.detail.value))}
          />
        </View>
        <Text className="hint">开启后党员离开时再扫一次码，记录服务时长。志愿服务默认开启。</Text>
      </View>

      <View className="field" id="activity-location">
        <Text className="field__label">活动位置（选填）</Text>
        {form.location ? (
          <View>
            <Text className="success-text" id="activity-location-set">
              已记录当前位置
            </Text>
            <BigButton id="activity-location-clear" kind="plain" onClick={() => set('location', null)}>
              不记录位置
            </BigButton>
          </View>
        ) : (
          <BigButton
            id="activity-location-take"
            kind="secondary"
            busy={locating}
            busyText="正在获取位置…"
            onClick={locate}
          >
            在活动现场：记录当前位置
          </BigButton>
        )}
        <Text className="hint">记录后，离活动地点较远的签到会被标出，方便核实。</Text>
      </View>

      {problem ? (
        <Text className="error-text" id="activity-error">
          {problem}
        </Text>
      ) : null}
      <BigButton id="activity-submit" busy={busy} busyText="正在提交…" onClick={submit}>
        发起活动
      </BigButton>
    </View>
  );
}

/** 发起活动 for a branch (?branchId=, default the caller's own branch; ?kind= picks the kind, e.g. catch_up_class from the holidays list). */
export default function NewActivityPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const choice = useBranchChoice(params.branchId);
  const initialKind = (ACTIVITY_KINDS as readonly string[]).includes(params.kind ?? '')
    ? (params.kind as ActivityKind)
    : null;

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <BranchChoiceBar id="activity-new-branches" choice={choice} />
      {choice.current ? (
        <NewActivityForm key={choice.current.id} branch={choice.current} initialKind={initialKind} />
      ) : null}
    </View>
  );
}
