import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { BenefitView, OrgView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { listMyOrgs } from '../../../../services/orgs';
import { createBenefit, listBenefits, updateBenefit } from '../../../../services/points';
import { benefitForm, EMPTY_BENEFIT_FORM, type BenefitForm } from '../../benefit-form';
import { stockLine } from '../../points-format';
import '../../points.css';

const PAGE_SIZE = 20;

function Field({
  id,
  label,
  value,
  onInput,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        id={id}
        className="field__input"
        value={value}
        placeholder={placeholder}
        onInput={(event) => onInput(event.detail.value)}
      />
    </View>
  );
}

function NewBenefit({ orgs, onCreated }: { orgs: OrgView[]; onCreated: (benefit: BenefitView) => void }) {
  const [form, setForm] = useState<BenefitForm>({ ...EMPTY_BENEFIT_FORM, orgId: orgs[0]?.id ?? '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<BenefitForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = () => {
    const checked = benefitForm(form);
    if (typeof checked === 'string') {
      setProblem(checked);
      return;
    }
    setBusy(true);
    setProblem(null);
    createBenefit(checked)
      .then((created) => {
        setForm({ ...EMPTY_BENEFIT_FORM, orgId: form.orgId });
        onCreated(created);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card" id="benefit-new">
      <Text className="subtitle">新增权益</Text>
      {orgs.length > 1 ? (
        <View className="chips section" id="benefit-new-org">
          {orgs.map((org) => (
            <View
              key={org.id}
              id={`benefit-new-org-${org.id}`}
              className={`chip${org.id === form.orgId ? ' chip--selected' : ''}`}
              onClick={() => set({ orgId: org.id })}
            >
              <Text>{org.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Field
        id="benefit-title"
        label="名称"
        value={form.title}
        onInput={(title) => set({ title })}
        placeholder="如：免费手机充电"
      />
      <View className="field">
        <Text className="field__label">说明（可不填）</Text>
        <Textarea
          id="benefit-description"
          className="field__textarea"
          value={form.description}
          maxlength={500}
          onInput={(event) => set({ description: event.detail.value })}
        />
      </View>
      <Field id="benefit-cost" label="所需积分" value={form.cost} onInput={(cost) => set({ cost })} />
      <Field id="benefit-stock" label="库存数量" value={form.stock} onInput={(stock) => set({ stock })} />
      <Field
        id="benefit-limit"
        label="每人限兑次数（不限则留空）"
        value={form.perMemberLimit}
        onInput={(perMemberLimit) => set({ perMemberLimit })}
      />
      <Field
        id="benefit-provider"
        label="提供方"
        value={form.provider}
        onInput={(provider) => set({ provider })}
        placeholder="如：七宝镇党群服务站"
      />
      {problem ? (
        <Text className="error-text" id="benefit-new-error">
          {problem}
        </Text>
      ) : null}
      <BigButton id="benefit-new-submit" busy={busy} onClick={submit}>
        添加
      </BigButton>
    </View>
  );
}

function BenefitRow({ benefit, onChanged }: { benefit: BenefitView; onChanged: (benefit: BenefitView) => void }) {
  const [stock, setStock] = useState(String(benefit.stock));
  const [busy, setBusy] = useState(false);
  const save = (change: { stock?: number; active?: boolean }) => {
    setBusy(true);
    updateBenefit(benefit.id, change)
      .then((updated) => {
        onChanged(updated);
        showToast('已保存', 'success');
      })
      .catch((error: unknown) => showToast(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card" id={`benefit-${benefit.id}`}>
      <View className="points-row">
        <View className="points-row__main">
          <Text className="subtitle">{benefit.title}</Text>
          <Text className="hint">{`${benefit.orgName} · ${benefit.provider} · ${benefit.cost} 分 · ${stockLine(benefit)}`}</Text>
        </View>
        <Switch
          id={`benefit-${benefit.id}-active`}
          checked={benefit.active}
          disabled={busy}
          onChange={(event) => save({ active: event.detail.value })}
        />
      </View>
      <Text className="hint">{benefit.active ? '上架中' : '已下架'}</Text>
      <View className="points-actions section">
        <Input
          id={`benefit-${benefit.id}-stock`}
          className="field__input"
          value={stock}
          onInput={(event) => setStock(event.detail.value)}
        />
        <BigButton
          id={`benefit-${benefit.id}-save`}
          kind="secondary"
          busy={busy}
          onClick={() => {
            if (!/^\d+$/.test(stock.trim())) {
              showToast('库存请填写整数');
              return;
            }
            save({ stock: Number(stock.trim()) });
          }}
        >
          更新库存
        </BigButton>
      </View>
    </View>
  );
}

/** 权益目录: org admins and community staff add benefits, restock them and take them off the shelf. */
export default function BenefitsPage() {
  const session = useRequiredSession();
  const orgs = useLoader(listMyOrgs);
  const list = usePagedList((cursor) => listBenefits(undefined, cursor, PAGE_SIZE), '');
  useReachBottom(list.loadMore);

  if (!session) return <LoadingView />;
  if (orgs.state.status === 'loading') return <LoadingView id="benefits-loading" />;
  if (orgs.state.status === 'failed')
    return <ErrorView id="benefits-orgs-error" message={orgs.state.message} onRetry={orgs.reload} />;

  const replace = (benefit: BenefitView) =>
    list.update((items) => items.map((b) => (b.id === benefit.id ? benefit : b)));
  return (
    <View className="page">
      <NewBenefit
        orgs={orgs.state.data}
        onCreated={(benefit) => {
          showToast('已添加', 'success');
          list.update((items) => [benefit, ...items]);
        }}
      />
      {list.status === 'failed' ? (
        <ErrorView id="benefits-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="benefits-empty"
          title="还没有权益"
          description="添加后，本组织及下级组织的党员可以用积分兑换。"
        />
      ) : null}
      {list.items.map((benefit) => (
        <BenefitRow key={benefit.id} benefit={benefit} onChanged={replace} />
      ))}
      <ListFooter
        id="benefits"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
