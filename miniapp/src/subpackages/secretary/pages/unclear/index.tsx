import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import {
  FACT_STALE_AFTER_DAYS,
  FACT_STATE_LABELS,
  FOUR_FACTS,
  FOUR_FACT_LABELS,
  type FourFact,
  type FourFactView,
  type UnclearMemberItem,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { confirmFacts, listUnclearMembers } from '../../../../services/ledgers';
import '../../secretary.css';

const PAGE_SIZE = 20;

function UnclearItem({
  member,
  onConfirmed,
}: {
  member: UnclearMemberItem;
  onConfirmed: (facts: FourFactView[]) => void;
}) {
  const idPrefix = `unclear-${member.id}`;
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<FourFact[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const start = () => {
    // The facts that need checking are ticked; the secretary unticks what they could not confirm.
    setChosen(member.facts.filter((f) => f.state !== 'clear').map((f) => f.fact));
    setProblem(null);
    setOpen(true);
  };

  const toggle = (fact: FourFact) =>
    setChosen((before) => (before.includes(fact) ? before.filter((f) => f !== fact) : [...before, fact]));

  const submit = () => {
    if (chosen.length === 0) {
      setProblem('请至少选择一项已核实的情况');
      return;
    }
    setBusy(true);
    setProblem(null);
    confirmFacts(
      member.id,
      FOUR_FACTS.filter((fact) => chosen.includes(fact)),
    )
      .then((facts) => {
        setOpen(false);
        showToast('已确认', 'success');
        onConfirmed(facts);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card list-item" id={`unclear-item-${member.id}`}>
      <View
        className="list-item__head"
        id={`${idPrefix}-person`}
        onClick={() => navigate.to(Routes.secretaryPerson, { id: member.id })}
      >
        <Text className="list-item__name">{member.name}</Text>
        <Text className="link-card__arrow">›</Text>
      </View>
      <Text className="list-item__meta">{`${member.branchName} · ${member.phoneMasked ?? '未登记手机号'}`}</Text>
      <View className="facts" id={`${idPrefix}-facts`}>
        {member.facts.map((fact) => (
          <Text key={fact.fact} className={`fact fact--${fact.state}`}>
            {`${FOUR_FACT_LABELS[fact.fact]}：${FACT_STATE_LABELS[fact.state]}`}
          </Text>
        ))}
      </View>
      {open ? (
        <View className="action-panel" id={`${idPrefix}-panel`}>
          <Text className="field__label">已经核实的情况：</Text>
          <View className="chips">
            {FOUR_FACTS.map((fact) => (
              <View
                key={fact}
                id={`${idPrefix}-fact-${fact}`}
                className={`chip${chosen.includes(fact) ? ' chip--selected' : ''}`}
                onClick={() => toggle(fact)}
              >
                <Text>{`${chosen.includes(fact) ? '✓ ' : ''}${FOUR_FACT_LABELS[fact]}`}</Text>
              </View>
            ))}
          </View>
          {problem ? (
            <Text className="error-text" id={`${idPrefix}-error`}>
              {problem}
            </Text>
          ) : null}
          <BigButton id={`${idPrefix}-submit`} busy={busy} busyText="正在提交…" onClick={submit}>
            确认已核实
          </BigButton>
          <BigButton id={`${idPrefix}-cancel`} kind="plain" onClick={() => setOpen(false)}>
            取消
          </BigButton>
        </View>
      ) : (
        <BigButton id={`${idPrefix}-confirm`} kind="secondary" onClick={start}>
          核实后确认
        </BigButton>
      )}
    </View>
  );
}

/** 四清不清名单: members whose four facts are missing or older than a quarter, to check and confirm. */
export default function UnclearPage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listUnclearMembers({ cursor, limit: PAGE_SIZE }), '');

  useReachBottom(list.loadMore);

  const confirmed = (memberId: string) => (facts: FourFactView[]) => {
    const stillUnclear = facts.some((fact) => fact.state !== 'clear');
    list.update((items) =>
      stillUnclear
        ? items.map((item) =>
            item.id === memberId ? { ...item, facts: facts.map(({ fact, state }) => ({ fact, state })) } : item,
          )
        : items.filter((item) => item.id !== memberId),
    );
  };

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <Text className="hint">{`四清：基本情况、流动时间、流动去向、从事行业。超过 ${FACT_STALE_AFTER_DAYS} 天没有核实的算作超期，请联系党员核实后确认。`}</Text>
      {list.status === 'loading' ? <LoadingView id="unclear-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="unclear-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="unclear-empty" title="四清情况都已核实" description="有需要核实的党员时会显示在这里。" />
      ) : null}
      {list.status === 'ready' ? (
        <View id="unclear-list" className="section">
          {list.items.map((member) => (
            <UnclearItem key={member.id} member={member} onConfirmed={confirmed(member.id)} />
          ))}
          <ListFooter
            id="unclear"
            count={list.items.length}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            moreError={list.moreError}
            onMore={list.loadMore}
          />
        </View>
      ) : null}
    </View>
  );
}
