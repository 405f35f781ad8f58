import { Text, View } from '@tarojs/components';
import { CARD_STATUS_LABELS, CARDS_PER_MEMBER_MAX, type MyCardView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { listMyCards, updateCard } from '../../../../services/volunteer';
import { availabilityText, recordText } from '../../components/availability';
import { UnboundNotice } from '../../components/unbound-notice';
import { SkillTags, StatusTag } from '../../components/status';
import { useReloadOnReturn } from '../../components/use-reload-on-return';
import '../../volunteer.css';

function MyCard({ card, onChanged }: { card: MyCardView; onChanged: (card: MyCardView) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const paused = card.status === 'paused';

  const toggle = () => {
    setBusy(true);
    setProblem(null);
    updateCard(card.id, { status: paused ? 'active' : 'paused' })
      .then((changed) => {
        showToast(paused ? '已恢复展示' : '已暂停，志愿板上暂时看不到', 'success');
        onChanged(changed);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id={`my-card-${card.id}`}>
      <View className="vol-head">
        <Text className="subtitle">{card.skills.map((s) => s.label).join('、')}</Text>
        <StatusTag id={`my-card-${card.id}-status`} status={card.status} label={CARD_STATUS_LABELS[card.status]} />
      </View>
      <SkillTags skills={[]} extra={card.extraSkills} />
      <Text className="text">{card.description}</Text>
      <Text className="hint">{`服务区域：${card.areaName}${card.regionText ? `（${card.regionText}）` : ''}`}</Text>
      <Text className="hint">{`有空时间：${availabilityText(card.availability)}`}</Text>
      <Text className="hint">{recordText(card.servicesConfirmed, card.ratingAverage)}</Text>
      {problem ? (
        <Text className="error-text" id={`card-toggle-${card.id}-problem`}>
          {problem}
        </Text>
      ) : null}
      <BigButton
        id={`card-edit-${card.id}`}
        kind="secondary"
        disabled={busy}
        onClick={() => navigate.to(Routes.volunteerCardEdit, { id: card.id })}
      >
        修改
      </BigButton>
      <BigButton
        id={`card-toggle-${card.id}`}
        kind="plain"
        busy={busy}
        busyText={paused ? '正在恢复…' : '正在暂停…'}
        onClick={toggle}
      >
        {paused ? '恢复展示' : '暂停展示'}
      </BigButton>
    </View>
  );
}

/** 我的技能卡: up to three cards, each paused and resumed here; new ones and changes on the form. */
export default function MyCardsPage() {
  const session = useRequiredSession();
  const memberId = session?.account.memberId ?? null;
  const { state, reload, setData } = useLoader(() => (memberId ? listMyCards() : Promise.resolve([])), memberId ?? '');
  // Coming back from the form shows what was saved.
  useReloadOnReturn(reload);

  if (!session) return <LoadingView />;
  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="cards-unbound" doing="发布技能卡" />
      </View>
    );
  }
  if (state.status === 'loading') return <LoadingView id="cards-loading" />;
  if (state.status === 'failed') return <ErrorView id="cards-error" message={state.message} onRetry={reload} />;
  const cards = state.data;
  const full = cards.length >= CARDS_PER_MEMBER_MAX;
  return (
    <View className="page">
      {cards.length === 0 ? (
        <EmptyState
          id="cards-empty"
          title="您还没有技能卡"
          description="会修水电、懂法律、能带直播？写一张技能卡，社区居民就能通过平台请您帮忙，不会看到您的手机号。"
        />
      ) : null}
      {cards.map((card) => (
        <MyCard
          key={card.id}
          card={card}
          onChanged={(changed) => setData(cards.map((c) => (c.id === changed.id ? changed : c)))}
        />
      ))}
      <BigButton id="cards-new" disabled={full} onClick={() => navigate.to(Routes.volunteerCardEdit)}>
        {full ? `最多 ${CARDS_PER_MEMBER_MAX} 张技能卡` : '新建技能卡'}
      </BigButton>
    </View>
  );
}
