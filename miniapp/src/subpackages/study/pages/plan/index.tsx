import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { MyStudyPack, MyStudyPlan } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { formatMonth } from '../../../../components/study-progress';
import { PlanProgress } from '../../../../components/study-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { chooseElectives, fetchMyPlan, listMyPacks } from '../../../../services/study';
import '../../../../components/study-views.css';
import '../../study.css';

const PAGE_SIZE = 20;

function ChosenElectives({ plan }: { plan: MyStudyPlan }) {
  if (plan.electivesChosen.length === 0) return null;
  return (
    <View className="section" id="plan-chosen">
      <Text className="field__label">已选的选学内容</Text>
      {plan.electivesChosen.map((chosen) => (
        <View key={chosen.packId} className="info-row" id={`plan-chosen-${chosen.packId}`}>
          <Text>{chosen.title}</Text>
          <Text className={chosen.finished ? 'study-item__done' : 'hint'}>
            {chosen.finished ? '✓ 已学完' : '未学完'}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** Choosing the year's electives among the packs delivered to me, at most the plan's number. */
function ElectivePicker({ plan, onSaved }: { plan: MyStudyPlan; onSaved: (plan: MyStudyPlan) => void }) {
  const limit = plan.rule?.electives ?? 0;
  const packs = usePagedList((cursor) => listMyPacks(cursor, PAGE_SIZE), '');
  const [chosen, setChosen] = useState<string[]>(() => plan.electivesChosen.map((pack) => pack.packId));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useReachBottom(packs.loadMore);

  const full = chosen.length >= limit;
  const toggle = (pack: MyStudyPack) => {
    setProblem(null);
    setChosen((before) => {
      if (before.includes(pack.id)) return before.filter((id) => id !== pack.id);
      return before.length >= limit ? before : [...before, pack.id];
    });
  };
  const save = () => {
    setBusy(true);
    setProblem(null);
    chooseElectives(chosen)
      .then((saved) => {
        showToast('选学内容已保存', 'success');
        onSaved(saved);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="plan-electives">
      <Text className="subtitle">选择选学内容</Text>
      <Text
        className="hint"
        id="plan-electives-count"
      >{`今年可选 ${limit} 项，已选 ${chosen.length} 项。时间自己安排，学完计入学习时长。`}</Text>
      {packs.status === 'loading' ? <LoadingView id="plan-packs-loading" /> : null}
      {packs.status === 'failed' ? (
        <ErrorView id="plan-packs-error" message={packs.message ?? ''} onRetry={packs.reload} />
      ) : null}
      {packs.status === 'ready' && packs.items.length === 0 ? (
        <EmptyState id="plan-packs-empty" title="还没有可选的学习内容" description="收到学习礼包后就可以选择。" />
      ) : null}
      {packs.items.map((pack) => {
        const selected = chosen.includes(pack.id);
        const disabled = !selected && full;
        return (
          <View
            key={pack.id}
            id={`plan-elective-${pack.id}`}
            className={`elective${selected ? ' elective--chosen' : ''}${disabled ? ' elective--disabled' : ''}`}
            aria-checked={selected ? 'true' : 'false'}
            aria-disabled={disabled ? 'true' : 'false'}
            onClick={() => toggle(pack)}
          >
            <Text className="elective__box">{selected ? '✓' : ''}</Text>
            <View>
              <Text className="text">{pack.title}</Text>
              {pack.month ? <Text className="hint">{formatMonth(pack.month)}</Text> : null}
            </View>
          </View>
        );
      })}
      <ListFooter
        id="plan-packs"
        count={packs.items.length}
        hasMore={packs.hasMore}
        loadingMore={packs.loadingMore}
        moreError={packs.moreError}
        onMore={packs.loadMore}
      />
      {full ? (
        <Text className="hint" id="plan-electives-full">{`已选满 ${limit} 项，如要换一项，请先取消一项。`}</Text>
      ) : null}
      {problem ? (
        <Text className="error-text" id="plan-electives-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="plan-electives-save" busy={busy} busyText="正在保存…" onClick={save}>
        保存选择
      </BigButton>
    </View>
  );
}

/** 自主选学: the year's requirement, where I stand, and the electives I choose. */
export default function StudyPlanPage() {
  const session = useRequiredSession();
  const plan = useLoader(fetchMyPlan);

  if (!session) return <LoadingView />;
  const { state } = plan;
  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="plan-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="plan-error" message={state.message} onRetry={plan.reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className="card" id="plan">
            <Text className="title">{`${state.data.year} 年学习计划`}</Text>
            <Text className="hint">
              工作时间不固定的党员可以自己安排时间，全年学够要求的时长、参加够要求的活动即可。
            </Text>
            <PlanProgress id="plan-progress" plan={state.data} />
            <ChosenElectives plan={state.data} />
          </View>
          {state.data.rule && state.data.rule.electives > 0 ? (
            <ElectivePicker plan={state.data} onSaved={plan.setData} />
          ) : null}
        </>
      ) : null}
    </View>
  );
}
