import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { NeedMatchView, NeedView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import {
  cancelNeed,
  fetchNeed,
  inviteToNeed,
  listNeedMatches,
  listNeedServices,
  signUpForNeed,
} from '../../../../services/volunteer';
import { availabilityText } from '../../components/availability';
import { NeedSummary } from '../../components/need-summary';
import { ServiceSummary } from '../../components/service-summary';
import { SkillTags } from '../../components/status';
import '../../volunteer.css';

function Match({ need, match }: { need: NeedView; match: NeedMatchView }) {
  const [state, setState] = useState<'idle' | 'busy' | 'invited'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const invite = () => {
    setState('busy');
    setProblem(null);
    inviteToNeed(need.id, match.cardId)
      .then(() => setState('invited'))
      .catch((error: unknown) => {
        setProblem(errorMessage(error));
        setState('idle');
      });
  };
  return (
    <View className="card" id={`need-match-${match.cardId}`}>
      <View className="vol-head">
        <Text className="subtitle">{`${match.memberName} · ${match.areaName}`}</Text>
        <Text
          className="vol-status vol-status--open"
          id={`need-match-${match.cardId}-score`}
        >{`${match.score} 分`}</Text>
      </View>
      <SkillTags skills={match.skills} />
      <Text className="hint">{`有空时间：${availabilityText(match.availability)}`}</Text>
      <View id={`need-match-${match.cardId}-reasons`}>
        {match.reasons.map((reason) => (
          <View key={reason.code} className="reason">
            <Text>{reason.label}</Text>
            <Text>{`+${reason.points}`}</Text>
          </View>
        ))}
      </View>
      {problem ? (
        <Text className="error-text" id={`need-invite-${match.cardId}-problem`}>
          {problem}
        </Text>
      ) : null}
      {match.signedUp ? <Text className="success-text">已报名</Text> : null}
      {!match.signedUp && state === 'invited' ? (
        <Text className="success-text" id={`need-invite-${match.cardId}-done`}>
          已发出邀请，对方会在消息里看到
        </Text>
      ) : null}
      {!match.signedUp && state !== 'invited' && need.status === 'open' ? (
        <BigButton
          id={`need-invite-${match.cardId}`}
          kind="secondary"
          busy={state === 'busy'}
          busyText="正在邀请…"
          onClick={invite}
        >
          邀请报名
        </BigButton>
      ) : null}
    </View>
  );
}

/** For the posting org's staff: who fits and why, who signed up, and calling the need off. */
function ManageNeed({ need, onChanged }: { need: NeedView; onChanged: (need: NeedView) => void }) {
  const data = useLoader(async () => {
    const [matches, services] = await Promise.all([listNeedMatches(need.id), listNeedServices(need.id)]);
    return { matches, services };
  }, need.id);
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const cancel = () => {
    setBusy(true);
    setProblem(null);
    cancelNeed(need.id)
      .then((changed) => {
        setCancelling(false);
        showToast('需求已取消，已报名的党员会收到通知', 'success');
        onChanged(changed);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  const { state } = data;
  return (
    <View>
      {state.status === 'loading' ? <LoadingView id="need-manage-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="need-manage-error" message={state.message} onRetry={data.reload} />
      ) : null}
      {state.status === 'ready' ? (
        <>
          <View className="section" id="need-services">
            <Text className="title">已报名</Text>
            {state.data.services.length === 0 ? <EmptyState id="need-services-empty" title="还没有人报名" /> : null}
            {state.data.services.map((service) => (
              <View
                key={service.id}
                id={`need-service-${service.id}`}
                onClick={() => navigate.to(Routes.volunteerService, { id: service.id })}
              >
                <ServiceSummary id={`need-service-${service.id}-summary`} service={service} />
              </View>
            ))}
          </View>
          <View className="section" id="need-matches">
            <Text className="title">推荐的志愿者</Text>
            <Text className="hint">按技能、服务区域、有空时间和服务记录排序，每一项加多少分写在下面。</Text>
            {state.data.matches.length === 0 ? (
              <EmptyState
                id="need-matches-empty"
                title="附近暂时没有这项技能的志愿者"
                description="需求已在志愿板上公开，党员可以自己报名。"
              />
            ) : null}
            {state.data.matches.map((match) => (
              <Match key={match.cardId} need={need} match={match} />
            ))}
          </View>
        </>
      ) : null}
      {need.status === 'open' || need.status === 'full' ? (
        <BigButton id="need-cancel" kind="plain" onClick={() => setCancelling(true)}>
          取消这个需求
        </BigButton>
      ) : null}
      {cancelling ? (
        <ConfirmSheet
          id="need-cancel-sheet"
          title="取消这个需求？"
          message="已报名的服务会一并取消，党员会收到通知。"
          confirmText="确认取消"
          busy={busy}
          problem={problem}
          onConfirm={cancel}
          onCancel={() => {
            setCancelling(false);
            setProblem(null);
          }}
        />
      ) : null}
    </View>
  );
}

/** A member signs up themselves, while there are places. */
function SignUp({ need, onSignedUp }: { need: NeedView; onSignedUp: (serviceId: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (need.myServiceId) {
    return (
      <View className="card" id="need-signed-up">
        <Text className="success-text">您已报名</Text>
        <BigButton
          id="need-my-service"
          onClick={() => navigate.to(Routes.volunteerService, { id: need.myServiceId ?? '' })}
        >
          查看我的服务
        </BigButton>
      </View>
    );
  }
  if (need.status !== 'open') return null;
  const signUp = () => {
    setBusy(true);
    setProblem(null);
    signUpForNeed(need.id)
      .then((service) => {
        showToast('报名成功', 'success');
        onSignedUp(service.id);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card">
      {problem ? (
        <Text className="error-text" id="need-signup-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="need-signup" busy={busy} busyText="正在报名…" onClick={signUp}>
        我来报名
      </BigButton>
      <Text className="hint">到场后出示先锋码，由社区工作人员扫码签到、签退。</Text>
    </View>
  );
}

/** One need (`?id=`): staff of the posting org manage it; members sign up. */
export default function NeedPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const { state, reload, setData } = useLoader(() => fetchNeed(id), id);

  if (!session) return <LoadingView />;
  if (!id) return <ErrorView id="need-error" message="没有指定哪个服务需求" />;
  if (state.status === 'loading') return <LoadingView id="need-loading" />;
  if (state.status === 'failed') return <ErrorView id="need-error" message={state.message} onRetry={reload} />;
  const need = state.data;
  return (
    <View className="page">
      <NeedSummary id="need" need={need} />
      {need.description ? <Text className="vol-quote">{need.description}</Text> : null}
      {need.canManage ? <ManageNeed need={need} onChanged={setData} /> : null}
      {!need.canManage && session.account.memberId ? (
        <SignUp
          need={need}
          onSignedUp={(serviceId) => setData({ ...need, myServiceId: serviceId, signedUp: need.signedUp + 1 })}
        />
      ) : null}
    </View>
  );
}
