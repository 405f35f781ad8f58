import { Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  STUDY_AUDIENCE_SCOPES,
  STUDY_AUDIENCE_SCOPE_LABELS,
  STUDY_SUMMARY_MAX,
  STUDY_TITLE_MAX,
  type OrgView,
  type StudyPackView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { Segmented } from '../../../../components/segmented';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { monthOf } from '../../../../components/study-progress';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { MonthField } from '../../../../platform/month-field';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { fetchOrg, listOrgChildren } from '../../../../services/orgs';
import { createPack, fetchPack, updatePack } from '../../../../services/study';
import { emptyPackForm, packFormFrom, packRequestFrom, type PackForm } from '../../pack-form';
import '../../study-admin.css';

const KIND_OPTIONS = [
  { value: 'monthly', label: '每月礼包', id: 'pack-kind-monthly' },
  { value: 'themed', label: '专题礼包', id: 'pack-kind-themed' },
] as const;

interface Start {
  form: PackForm;
  pack: StudyPackView | null;
  /** Whose members the pack can go to: the org and the orgs one level down. */
  audienceOrgs: OrgView[];
}

async function loadStart(orgId: string, packId: string): Promise<Start> {
  const pack = packId ? await fetchPack(packId) : null;
  const baseId = pack ? pack.ownerOrgId : orgId;
  const [org, children] = await Promise.all([fetchOrg(baseId), listOrgChildren(baseId).catch(() => [] as OrgView[])]);
  const audienceOrgs = [org, ...children.filter((child) => child.level !== 'group')];
  if (pack && !audienceOrgs.some((candidate) => candidate.id === pack.audience.orgId)) {
    audienceOrgs.push(await fetchOrg(pack.audience.orgId));
  }
  return { form: pack ? packFormFrom(pack) : emptyPackForm(org.id, monthOf(new Date())), pack, audienceOrgs };
}

function PackFormCard({ start }: { start: Start }) {
  const [form, setForm] = useState<PackForm>(start.form);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const editing = start.pack;
  const set = <K extends keyof PackForm>(key: K, value: PackForm[K]) =>
    setForm((before) => ({ ...before, [key]: value }));

  const save = () => {
    const request = packRequestFrom(form);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    (editing ? updatePack(editing.id, request) : createPack(request))
      .then((pack) => {
        if (editing) {
          showToast('已保存', 'success');
          navigate.back();
          return;
        }
        // Back from the new pack lands on a clean form.
        setForm(start.form);
        navigate.to(Routes.studyAdminPack, { id: pack.id });
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="pack-form">
      <Text className="title">{editing ? '修改学习礼包' : '新建学习礼包'}</Text>
      <View className="field">
        <Text className="field__label">礼包类型</Text>
        <Segmented id="pack-kind" options={KIND_OPTIONS} value={form.kind} onChange={(kind) => set('kind', kind)} />
      </View>
      <View className="field">
        <Text className="field__label">礼包名称</Text>
        <Input
          id="pack-title"
          className="field__input"
          placeholder="如：2025年3月学习礼包"
          maxlength={STUDY_TITLE_MAX}
          value={form.title}
          onInput={(event) => set('title', event.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">简介（选填）</Text>
        <Textarea
          id="pack-summary"
          className="field__textarea"
          placeholder="本月学什么，大约要多长时间"
          maxlength={STUDY_SUMMARY_MAX}
          value={form.summary}
          onInput={(event) => set('summary', event.detail.value)}
        />
      </View>
      {form.kind === 'monthly' ? (
        <View className="field">
          <Text className="field__label">月份</Text>
          <MonthField
            id="pack-month"
            value={form.month}
            placeholder="请选择月份"
            onChange={(month) => set('month', month)}
          />
        </View>
      ) : null}
      <View className="field">
        <Text className="field__label">发给哪个组织的党员</Text>
        <View className="chips" id="pack-audience-org">
          {start.audienceOrgs.map((org) => (
            <View
              key={org.id}
              id={`pack-audience-org-${org.id}`}
              className={`chip${form.audienceOrgId === org.id ? ' chip--selected' : ''}`}
              aria-selected={form.audienceOrgId === org.id ? 'true' : 'false'}
              onClick={() => set('audienceOrgId', org.id)}
            >
              <Text>{org.name}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="field">
        <Text className="field__label">发给哪些党员</Text>
        <View className="chips" id="pack-scope">
          {STUDY_AUDIENCE_SCOPES.map((scope) => (
            <View
              key={scope}
              id={`pack-scope-${scope}`}
              className={`chip${form.scope === scope ? ' chip--selected' : ''}`}
              aria-selected={form.scope === scope ? 'true' : 'false'}
              onClick={() => set('scope', scope)}
            >
              <Text>{STUDY_AUDIENCE_SCOPE_LABELS[scope]}</Text>
            </View>
          ))}
        </View>
        <Text className="hint">没有智能手机的党员会列入“红色邮包”名单，可下载后邮寄纸质材料。</Text>
      </View>
      {problem ? (
        <Text className="error-text" id="pack-form-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="pack-save" busy={busy} busyText="正在保存…" onClick={save}>
        {editing ? '保存修改' : '保存，下一步添加内容'}
      </BigButton>
    </View>
  );
}

/** A new pack (?orgId=) or changes to one (?id=): kind, name, summary, month and audience. */
export default function StudyPackEditPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const orgId = params.orgId ?? '';
  const packId = params.id ?? '';
  const start = useLoader(() => loadStart(orgId, packId), `${orgId}/${packId}`, {
    auto: session !== null && (orgId !== '' || packId !== ''),
  });

  if (!session) return <LoadingView />;
  if (!orgId && !packId) return <ErrorView id="pack-form-error" message="请从学习礼包列表进入" />;
  const { state } = start;
  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="pack-form-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="pack-form-error" message={state.message} onRetry={start.reload} />
      ) : null}
      {state.status === 'ready' ? <PackFormCard start={state.data} /> : null}
    </View>
  );
}
