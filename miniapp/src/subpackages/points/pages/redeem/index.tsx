import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { CatalogueBenefit, PointsSummary, RedeemResult } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { fetchCatalogue, fetchMyPoints, redeemBenefit } from '../../../../services/points';
import { stockLine, whyNotRedeemable } from '../../points-format';
import '../../points.css';

interface Catalogue {
  summary: PointsSummary;
  benefits: CatalogueBenefit[];
}

async function loadCatalogue(): Promise<Catalogue> {
  const [summary, benefits] = await Promise.all([fetchMyPoints(), fetchCatalogue()]);
  return { summary, benefits };
}

function BenefitCard({
  benefit,
  balance,
  onRedeem,
}: {
  benefit: CatalogueBenefit;
  balance: number;
  onRedeem: () => void;
}) {
  const why = whyNotRedeemable(benefit, balance);
  return (
    <View className="card" id={`benefit-${benefit.id}`}>
      <View className="points-row">
        <View className="points-row__main">
          <Text className="subtitle">{benefit.title}</Text>
          <Text className="hint">{`${benefit.provider} · ${stockLine(benefit)}`}</Text>
        </View>
        <Text className="points-amount points-amount--minus">{`${benefit.cost} 分`}</Text>
      </View>
      {benefit.description ? <Text className="text">{benefit.description}</Text> : null}
      <BigButton id={`benefit-${benefit.id}-redeem`} disabled={why !== null} onClick={onRedeem}>
        {why ?? '兑换'}
      </BigButton>
    </View>
  );
}

/** 兑换: what the orgs above the member offer; one confirm, then the code to show the provider. */
export default function RedeemPage() {
  const session = useRequiredSession();
  const { state, reload } = useLoader(loadCatalogue, '', { auto: false });
  const [chosen, setChosen] = useState<CatalogueBenefit | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<RedeemResult | null>(null);

  useDidShow(reload);
  usePullDownRefresh(reload);
  useEffect(() => {
    if (state.status !== 'loading') stopPullDownRefresh();
  }, [state.status]);

  if (!session) return <LoadingView />;
  if (state.status === 'loading') return <LoadingView id="redeem-loading" />;
  if (state.status === 'failed') return <ErrorView id="redeem-error" message={state.message} onRetry={reload} />;
  const { summary, benefits } = state.data;

  const confirm = () => {
    if (!chosen) return;
    setBusy(true);
    setProblem(null);
    redeemBenefit(chosen.id)
      .then((result) => {
        setDone(result);
        setChosen(null);
        reload();
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="page">
      <View className="card" id="redeem-balance">
        <Text className="hint">可用积分</Text>
        <Text className="points-balance">{summary.balance}</Text>
      </View>
      {done ? (
        <View className="card" id="redeem-done">
          <Text className="success-text">{`已兑换“${done.redemption.benefitTitle}”，剩余 ${done.balance} 分`}</Text>
          <Text className="text">请到“我的兑换”出示兑换码，由提供方扫码核销。</Text>
          <BigButton id="redeem-done-show" onClick={() => navigate.to(Routes.pointsRedemptions)}>
            查看兑换码
          </BigButton>
        </View>
      ) : null}
      {benefits.length === 0 ? (
        <EmptyState
          id="redeem-empty"
          title="暂时没有可兑换的权益"
          description="所在支部、社区和上级组织提供权益后，会显示在这里。"
        />
      ) : null}
      {benefits.map((benefit) => (
        <BenefitCard
          key={benefit.id}
          benefit={benefit}
          balance={summary.balance}
          onRedeem={() => {
            setProblem(null);
            setChosen(benefit);
          }}
        />
      ))}
      {chosen ? (
        <ConfirmSheet
          id="redeem-confirm"
          title={`兑换“${chosen.title}”`}
          message={`将扣除 ${chosen.cost} 积分，兑换后剩余 ${summary.balance - chosen.cost} 分。未核销前可以取消，积分退回。`}
          confirmText="确认兑换"
          busy={busy}
          problem={problem}
          onConfirm={confirm}
          onCancel={() => setChosen(null)}
        />
      ) : null}
    </View>
  );
}
