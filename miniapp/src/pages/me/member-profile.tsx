import { Text, View } from '@tarojs/components';
import { ErrorCode, MEMBERSHIP_STATUS_LABELS, type MemberSelfView } from '@pioneer/shared';
import { InfoRow } from '../../components/info-row';
import { ErrorView, LoadingView } from '../../components/state-views';
import { useLoader } from '../../components/use-loader';
import { ApiError } from '../../services/http';
import { fetchMyMember } from '../../services/members';
import { sessionStore } from '../../stores/session';
import { BindForm } from './bind-form';

/** null: the account is not bound to a roster entry yet. */
async function loadMine(): Promise<MemberSelfView | null> {
  try {
    return await fetchMyMember();
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

function SelfView({ member }: { member: MemberSelfView }) {
  return (
    <View id="profile-view">
      <InfoRow id="profile-name" label="姓名" value={member.name} />
      <InfoRow id="profile-branch" label="所在党支部" value={member.branchName} />
      <InfoRow id="profile-status" label="党员类型" value={MEMBERSHIP_STATUS_LABELS[member.membershipStatus]} />
      <InfoRow id="profile-id-number" label="身份证号" value={member.idNumberMasked} />
      <InfoRow id="profile-phone" label="手机号" value={member.phoneMasked} />
      <Text className="hint section">为保护个人信息，身份证号和手机号只显示部分。信息有误请联系所在支部。</Text>
    </View>
  );
}

/** 我的党员档案: the member's own roster entry, or the form that links the account to it. */
export function MemberProfile() {
  const { state, reload, setData } = useLoader(loadMine);

  const bound = (member: MemberSelfView) => {
    setData(member);
    const account = sessionStore.get()?.account;
    if (account) sessionStore.updateAccount({ ...account, memberId: member.id });
  };

  return (
    <View className="card" id="profile-card">
      <Text className="subtitle">我的党员档案</Text>
      {state.status === 'loading' ? <LoadingView id="profile-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="profile-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data === null ? <BindForm onBound={bound} /> : null}
      {state.status === 'ready' && state.data ? <SelfView member={state.data} /> : null}
    </View>
  );
}
