import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  REQUEST_MESSAGE_MAX,
  REQUEST_PLACE_MAX,
  REQUEST_TIME_MAX,
  Role,
  type BoardCardView,
  type CreateVolunteerRequest,
  type OrgView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { listMyOrgs } from '../../../../services/orgs';
import { fetchCard, fetchCardPhoto, sendRequest } from '../../../../services/volunteer';
import { hasAnyRole } from '../../../../stores/session';
import { BoardCard } from '../../components/board-card';
import '../../volunteer.css';

const ORG_ROLES = [Role.COMMUNITY_STAFF, Role.BRANCH_SECRETARY, Role.ORG_ADMIN];

function CardPhoto({ card }: { card: BoardCardView }) {
  const { state } = useLoader(() => fetchCardPhoto(card.id), card.id);
  if (state.status !== 'ready') return null;
  return (
    <Image
      id="card-photo-image"
      className="vol-photo"
      mode="aspectFit"
      src={`data:${state.data.contentType};base64,${state.data.dataBase64}`}
    />
  );
}

/** Staff may ask in their community's name: the service is then the community's to check and confirm. */
function OnBehalfChoice({ value, onChange }: { value: string; onChange: (orgId: string) => void }) {
  const { state } = useLoader(listMyOrgs);
  if (state.status !== 'ready' || state.data.length === 0) return null;
  const option = (id: string, label: string, orgId: string) => (
    <View
      key={id}
      id={id}
      className={`chip${value === orgId ? ' chip--selected' : ''}`}
      onClick={() => onChange(orgId)}
    >
      <Text>{label}</Text>
    </View>
  );
  return (
    <View className="field">
      <Text className="field__label">以谁的名义请求</Text>
      <View className="chips" id="request-as">
        {option('request-as-self', '我个人', '')}
        {state.data.map((org: OrgView) => option(`request-as-${org.id}`, org.name, org.id))}
      </View>
    </View>
  );
}

function RequestForm({ card, asStaff }: { card: BoardCardView; asStaff: boolean }) {
  const [message, setMessage] = useState('');
  const [place, setPlace] = useState('');
  const [time, setTime] = useState('');
  const [orgId, setOrgId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  const submit = () => {
    if (!message.trim()) {
      setProblem('请说说需要帮什么忙');
      return;
    }
    if (!place.trim()) {
      setProblem('请写上地点，方便志愿者找到您');
      return;
    }
    const request: CreateVolunteerRequest = { cardId: card.id, message: message.trim(), place: place.trim() };
    if (time.trim()) request.preferredTime = time.trim();
    if (orgId) request.onBehalfOfOrgId = orgId;
    setBusy(true);
    setProblem(null);
    sendRequest(request)
      .then(() => setSent(true))
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  if (sent) {
    return (
      <View className="card" id="request-sent">
        <Text className="success-text">请求已发出</Text>
        <Text className="text">{`${card.memberName}会收到您的请求，接受或婉拒后您可以在“我发出的请求”里看到。`}</Text>
        <BigButton id="request-sent-link" onClick={() => navigate.to(Routes.volunteerSent)}>
          查看我发出的请求
        </BigButton>
      </View>
    );
  }
  return (
    <View className="card" id="request-form">
      <Text className="subtitle">请这位志愿者帮忙</Text>
      {asStaff ? <OnBehalfChoice value={orgId} onChange={setOrgId} /> : null}
      <View className="field">
        <Text className="field__label">需要帮什么忙</Text>
        <Textarea
          id="request-message"
          className="field__textarea"
          value={message}
          maxlength={REQUEST_MESSAGE_MAX}
          placeholder="如：厨房水管漏水，想请师傅帮忙看看"
          onInput={(e) => setMessage(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">地点（只有这位志愿者能看到）</Text>
        <Input
          id="request-place"
          className="field__input"
          value={place}
          maxlength={REQUEST_PLACE_MAX}
          placeholder="如：七宝社区 5 号楼 302"
          onInput={(e) => setPlace(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">希望的时间（选填）</Text>
        <Input
          id="request-time"
          className="field__input"
          value={time}
          maxlength={REQUEST_TIME_MAX}
          placeholder="如：周六上午"
          onInput={(e) => setTime(e.detail.value)}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="request-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="request-submit" busy={busy} busyText="正在发送…" onClick={submit}>
        发送请求
      </BigButton>
      <Text className="hint">平台不会把对方的手机号给您，也不会把您的手机号给对方。</Text>
    </View>
  );
}

/** One card (`?id=`) with its photo, and the form to ask its member for help. */
export default function CardPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const { state, reload } = useLoader(() => fetchCard(id), id);

  if (!session) return <LoadingView />;
  if (!id) return <ErrorView id="card-error" message="没有指定哪张技能卡" />;
  if (state.status === 'loading') return <LoadingView id="card-loading" />;
  if (state.status === 'failed') return <ErrorView id="card-error" message={state.message} onRetry={reload} />;
  const card = state.data;
  return (
    <View className="page">
      <BoardCard id={`card-${card.id}`} card={card} />
      {card.hasPhoto ? <CardPhoto card={card} /> : null}
      <RequestForm card={card} asStaff={hasAnyRole(session.account, ORG_ROLES)} />
    </View>
  );
}
