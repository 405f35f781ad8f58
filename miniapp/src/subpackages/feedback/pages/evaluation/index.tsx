import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { EVALUATION_ROUND_STATUS_LABELS, type EvaluationRoundView, type OrgView } from '@pioneer/shared';
import { useRef, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { listEvaluationRounds, openEvaluationRound } from '../../../../services/feedback';
import { listMyOrgs } from '../../../../services/orgs';
import '../../feedback.css';

/** The current year in Beijing. */
function currentYear(): number {
  return new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
}

/**
 * The years a round can be opened for now: the current one, and in the first
 * quarter also the year just ended, which is when most branches evaluate it
 * (the server accepts the current and the previous year).
 */
export function openableYears(now: Date = new Date()): number[] {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  const year = beijing.getUTCFullYear();
  return beijing.getUTCMonth() < 3 ? [year - 1, year] : [year];
}

function RoundItem({ round }: { round: EvaluationRoundView }) {
  return (
    <View
      className="card list-item"
      id={`round-${round.id}`}
      onClick={() => navigate.to(Routes.evaluationRound, { id: round.id })}
    >
      <View className="list-item__head">
        <Text className="list-item__name">{`${round.year} 年度 · ${round.branchName}`}</Text>
        <Text className={`status-badge status-badge--${round.status}`}>
          {EVALUATION_ROUND_STATUS_LABELS[round.status]}
        </Text>
      </View>
      <Text className="list-item__meta">{`参评 ${round.members} 人 · 已自评 ${round.selfAssessed} 人 · 已评定 ${round.graded} 人`}</Text>
    </View>
  );
}

function OpenRound({ branch, year, onOpened }: { branch: OrgView; year: number; onOpened: () => void }) {
  const idSuffix = year === currentYear() ? '' : `-${year}`;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const open = () => {
    setBusy(true);
    setProblem(null);
    openEvaluationRound(branch.id, year)
      .then((round) => {
        onOpened();
        navigate.to(Routes.evaluationRound, { id: round.id });
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card" id={`evaluation-open${idSuffix}`}>
      <Text className="subtitle">{branch.name}</Text>
      <Text className="hint">开始后，本支部党员可在小程序里填写自评；流入地反馈、参加活动和学习情况会自动汇总。</Text>
      {problem ? (
        <Text className="error-text" id={`evaluation-open-problem${idSuffix}`}>
          {problem}
        </Text>
      ) : null}
      <BigButton id={`evaluation-open-button${idSuffix}`} busy={busy} busyText="正在开始…" onClick={open}>
        {`开始 ${year} 年度民主评议`}
      </BigButton>
    </View>
  );
}

/** 流出地: the branch's yearly evaluation rounds, and opening this year's. */
export default function EvaluationRoundsPage() {
  const session = useRequiredSession();
  const data = useLoader(async () => {
    const [rounds, orgs] = await Promise.all([listEvaluationRounds(), listMyOrgs()]);
    return { rounds, branches: orgs.filter((org) => org.level === 'branch') };
  });
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) data.reload();
    shownOnce.current = true;
  });

  if (!session) return <LoadingView />;
  const { state } = data;
  if (state.status === 'loading') return <LoadingView id="evaluation-loading" />;
  if (state.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="evaluation-error" message={state.message} onRetry={data.reload} />
      </View>
    );
  }
  const openable = openableYears().flatMap((year) =>
    state.data.branches
      .filter((branch) => !state.data.rounds.some((round) => round.branchId === branch.id && round.year === year))
      .map((branch) => ({ branch, year })),
  );
  return (
    <View className="page">
      {openable.map(({ branch, year }) => (
        <OpenRound key={`${branch.id}-${year}`} branch={branch} year={year} onOpened={data.reload} />
      ))}
      {state.data.rounds.length === 0 ? (
        <EmptyState
          id="evaluation-empty"
          title="还没有民主评议"
          description="每年组织一次，评定结果在结束评议时公布给党员本人。"
        />
      ) : null}
      {state.data.rounds.map((round) => (
        <RoundItem key={round.id} round={round} />
      ))}
    </View>
  );
}
