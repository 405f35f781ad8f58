import { Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { NEED_DESCRIPTION_MAX, NEED_PLACE_MAX, NEED_TITLE_MAX, type OrgView, type SkillView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { todayIso } from '../../../../components/format';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { DateField } from '../../../../platform/date-field';
import { TimeField } from '../../../../platform/time-field';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { createNeed, listSkills } from '../../../../services/volunteer';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import '../../volunteer.css';
import { EMPTY_NEED_FORM, needRequestFrom, type NeedForm } from './need-form';

function NeedEditor({ org, skills }: { org: OrgView; skills: SkillView[] }) {
  const [form, setForm] = useState<NeedForm>(EMPTY_NEED_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<NeedForm>) => setForm((before) => ({ ...before, ...change }));

  const submit = () => {
    const request = needRequestFrom(form, org.id);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    createNeed(request)
      .then((need) => {
        showToast('已发布', 'success');
        navigate.to(Routes.volunteerNeed, { id: need.id });
      })
      .catch((error: unknown) => {
        setProblem(errorMessage(error));
      })
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="need-form">
      <Text className="text" id="need-org">{`以“${org.name}”的名义发布`}</Text>
      <View className="field">
        <Text className="field__label">需要什么技能</Text>
        <View className="chips" id="need-skills">
          {skills.map((skill) => (
            <View
              key={skill.code}
              id={`need-skill-${skill.code}`}
              className={`chip${form.skillCode === skill.code ? ' chip--selected' : ''}`}
              onClick={() => set({ skillCode: skill.code })}
            >
              <Text>{skill.label}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="field">
        <Text className="field__label">标题</Text>
        <Input
          id="need-title"
          className="field__input"
          value={form.title}
          maxlength={NEED_TITLE_MAX}
          placeholder="如：老旧小区水管检修"
          onInput={(e) => set({ title: e.detail.value })}
        />
      </View>
      <View className="field">
        <Text className="field__label">地点</Text>
        <Input
          id="need-place"
          className="field__input"
          value={form.place}
          maxlength={NEED_PLACE_MAX}
          placeholder="如：七宝社区 3 号楼"
          onInput={(e) => set({ place: e.detail.value })}
        />
      </View>
      <View className="field">
        <Text className="field__label">日期</Text>
        <DateField
          id="need-date"
          value={form.date}
          placeholder="选择日期"
          start={todayIso()}
          onChange={(date) => set({ date })}
        />
      </View>
      <View className="field">
        <Text className="field__label">开始时间</Text>
        <TimeField
          id="need-start"
          value={form.startTime}
          placeholder="选择开始时间"
          onChange={(startTime) => set({ startTime })}
        />
      </View>
      <View className="field">
        <Text className="field__label">结束时间</Text>
        <TimeField
          id="need-end"
          value={form.endTime}
          placeholder="选择结束时间"
          onChange={(endTime) => set({ endTime })}
        />
      </View>
      <View className="field">
        <Text className="field__label">需要几个人</Text>
        <Input
          id="need-headcount"
          className="field__input"
          type="number"
          value={form.headcount}
          maxlength={3}
          onInput={(e) => set({ headcount: e.detail.value })}
        />
      </View>
      <View className="field">
        <Text className="field__label">说明（选填）</Text>
        <Textarea
          id="need-description"
          className="field__textarea"
          value={form.description}
          maxlength={NEED_DESCRIPTION_MAX}
          placeholder="如：请自带工具，社区提供材料"
          onInput={(e) => set({ description: e.detail.value })}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="need-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="need-submit" busy={busy} busyText="正在发布…" onClick={submit}>
        发布需求
      </BigButton>
      <Text className="hint">发布后出现在社区志愿板上，党员可以报名；系统也会按技能、区域和时间推荐合适的志愿者。</Text>
    </View>
  );
}

/** Staff post a need for their community or branch (`?orgId=`, else their first org). */
export default function NeedNewPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  const skills = useLoader(listSkills);

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="need-orgs" choice={choice} />
      {skills.state.status === 'loading' ? <LoadingView id="need-new-loading" /> : null}
      {skills.state.status === 'failed' ? (
        <ErrorView id="need-new-error" message={skills.state.message} onRetry={skills.reload} />
      ) : null}
      {choice.current && skills.state.status === 'ready' ? (
        <NeedEditor
          key={choice.current.id}
          org={choice.current}
          skills={skills.state.data.filter((s) => !s.disabled)}
        />
      ) : null}
    </View>
  );
}
