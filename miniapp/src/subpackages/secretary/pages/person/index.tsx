import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  FACT_STATE_LABELS,
  FEEDBACK_RATING_LABELS,
  FEEDBACK_STATUS_LABELS,
  GENDER_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  Role,
  type MemberReceivingView,
  type MemberRevealView,
  type MemberSendingView,
  type MemberSelfView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateRange } from '../../../../components/format';
import { InfoRow } from '../../../../components/info-row';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { listMemberFeedback } from '../../../../services/feedback';
import { fetchPersonFile } from '../../../../services/ledgers';
import { fetchMember, revealMember } from '../../../../services/members';
import { hasAnyRole } from '../../../../stores/session';
import { PostalStudy } from '../../components/postal-study';
import { RevealSheet } from '../../components/reveal-sheet';
import { flowStatusLabel } from '../../flow-status';
import '../../secretary.css';

/** Only these roles on the sending side may read full values; the server checks again. */
const REVEAL_ROLES: readonly Role[] = [Role.BRANCH_SECRETARY, Role.ORG_ADMIN];

function ReceivingDetail({ member }: { member: MemberReceivingView }) {
  return (
    <View className="card" id="person-receiving">
      <Text className="title" id="person-name">
        {member.name}
      </Text>
      <InfoRow id="person-phone" label="手机号" value={member.phoneMasked} />
      <InfoRow id="person-sending-branch" label="流出地党支部" value={member.sendingBranchName} />
      <Text className="hint section">流入地只显示联系所需的信息，身份证号、住址等由流出地党支部保管。</Text>
    </View>
  );
}

/** 一人一档: the four facts and the flow history, for the sending side. */
function PersonFile({ memberId }: { memberId: string }) {
  const { state, reload } = useLoader(() => fetchPersonFile(memberId), memberId);
  return (
    <View className="card" id="person-file">
      <Text className="subtitle">四清情况</Text>
      {state.status === 'loading' ? <LoadingView id="person-file-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="person-file-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <View>
          <View className="facts" id="person-facts">
            {state.data.facts.map((fact) => (
              <Text key={fact.fact} className={`fact fact--${fact.state}`}>
                {`${fact.label}：${FACT_STATE_LABELS[fact.state]}`}
              </Text>
            ))}
          </View>
          <Text className="subtitle section">流动记录</Text>
          {state.data.flows.length === 0 ? <Text className="hint">没有流动记录</Text> : null}
          {state.data.flows.map((flow) => (
            <View key={flow.id} className="info-row info-row--stacked">
              <Text className="text">{flowStatusLabel(flow.status)}</Text>
              <Text className="hint">
                {[flow.receivingBranchName, flow.industry, formatDateRange(flow.expectedFrom, flow.expectedUntil)]
                  .filter(Boolean)
                  .join(' · ') || '未填写去向'}
              </Text>
              {flow.status === 'active' ? (
                <Text
                  className="link-card"
                  id={`person-flow-duties-${flow.id}`}
                  onClick={() => navigate.to(Routes.dutiesList, { flowId: flow.id })}
                >
                  查看责任清单 ›
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 表现反馈: what the receiving branches reported each period, kept in the file on the sending side. */
function FeedbackHistory({ memberId }: { memberId: string }) {
  const { state, reload } = useLoader(() => listMemberFeedback(memberId), memberId);
  return (
    <View className="card" id="person-feedback">
      <Text className="subtitle">流入地表现反馈</Text>
      {state.status === 'loading' ? <LoadingView id="person-feedback-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="person-feedback-error" message={state.message} onRetry={reload} />
      ) : null}
      {state.status === 'ready' && state.data.length === 0 ? <Text className="hint">还没有收到表现反馈</Text> : null}
      {state.status === 'ready'
        ? state.data.map((feedback) => (
            <View key={feedback.id} className="info-row info-row--stacked" id={`person-feedback-${feedback.id}`}>
              <Text className="text">
                {`${feedback.periodLabel} · ${feedback.rating ? FEEDBACK_RATING_LABELS[feedback.rating] : ''}`}
              </Text>
              <Text className="hint">{`${feedback.receivingBranchName} · ${FEEDBACK_STATUS_LABELS[feedback.status]}`}</Text>
              {feedback.assessment ? <Text className="text">{feedback.assessment}</Text> : null}
            </View>
          ))
        : null}
    </View>
  );
}

function FullDetail({ member, canReveal }: { member: MemberSendingView | MemberSelfView; canReveal: boolean }) {
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<MemberRevealView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const reveal = () => {
    setRevealing(true);
    setProblem(null);
    revealMember(member.id)
      .then(setRevealed)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setRevealing(false));
  };

  return (
    <View>
      <View className="card" id="person-sending">
        <Text className="title" id="person-name">
          {member.name}
        </Text>
        <InfoRow id="person-branch" label="所在党支部" value={member.branchName} />
        <InfoRow label="党员类型" value={MEMBERSHIP_STATUS_LABELS[member.membershipStatus]} />
        <InfoRow label="性别" value={member.gender ? GENDER_LABELS[member.gender] : null} />
        <InfoRow label="民族" value={member.ethnicity} />
        <InfoRow label="出生日期" value={member.birthDate} />
        <InfoRow label="入党日期" value={member.joinedAt} />
        <InfoRow label="学历" value={member.education} />
        <InfoRow id="person-id-number" label="身份证号" value={member.idNumberMasked} />
        <InfoRow id="person-phone" label="手机号" value={member.phoneMasked} />
        <InfoRow label="现居住地" value={member.residence} />
        <InfoRow label="职业" value={member.occupation} />
        <InfoRow label="行业" value={member.industry} />
        <InfoRow label="工作单位" value={member.employer} />
        {member.skills.length > 0 ? <InfoRow label="技能特长" value={member.skills.join('、')} /> : null}
        {canReveal ? (
          <View className="section">
            {problem ? (
              <Text className="error-text" id="person-reveal-error">
                {problem}
              </Text>
            ) : null}
            <BigButton id="person-reveal" kind="secondary" busy={revealing} busyText="正在查询…" onClick={reveal}>
              查看完整信息
            </BigButton>
            <Text className="hint">查看完整身份证号和手机号会留下记录。</Text>
          </View>
        ) : null}
        {canReveal && member.side === 'sending' ? (
          <PostalStudy memberId={member.id} initial={member.noSmartphone} />
        ) : null}
      </View>
      {member.side === 'sending' ? <PersonFile memberId={member.id} /> : null}
      {member.side === 'sending' ? <FeedbackHistory memberId={member.id} /> : null}
      {member.side === 'sending' ? (
        <View
          className="card link-card"
          id="person-points-link"
          onClick={() => navigate.to(Routes.pointsMember, { memberId: member.id })}
        >
          <View>
            <Text className="subtitle">积分</Text>
            <Text className="hint">积分明细，手工奖励、扣减和更正</Text>
          </View>
          <Text className="link-card__arrow">›</Text>
        </View>
      ) : null}
      {revealed ? <RevealSheet name={member.name} revealed={revealed} onClose={() => setRevealed(null)} /> : null}
    </View>
  );
}

/** One member, as the caller's side may see them (?id=). */
export default function PersonPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const { state, reload } = useLoader(
    () => (id ? fetchMember(id) : Promise.reject(new Error('没有指定要查看的党员'))),
    id,
  );

  if (!session) return <LoadingView />;
  const canReveal = hasAnyRole(session.account, REVEAL_ROLES);

  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="person-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="person-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.side === 'receiving' ? <ReceivingDetail member={state.data} /> : null}
      {state.status === 'ready' && state.data.side !== 'receiving' ? (
        <FullDetail member={state.data} canReveal={canReveal && state.data.side === 'sending'} />
      ) : null}
    </View>
  );
}
