import { Text, View } from '@tarojs/components';
import { AccountKind } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';
import { RoleTags } from '../../components/role-tags';
import { LoadingView } from '../../components/state-views';
import { useRequiredSession } from '../../components/use-required-session';
import { logout } from '../../services/auth';
import { MemberProfile } from './member-profile';
import { MeLinks } from './me-links';

export default function MePage() {
  const session = useRequiredSession();
  const [leaving, setLeaving] = useState(false);

  // Once the session is gone, useRequiredSession sends the person to the login page.
  const leave = () => {
    setLeaving(true);
    void logout();
  };

  if (!session) return <LoadingView />;
  const { account } = session;
  const isMember = account.kind === AccountKind.MEMBER;

  return (
    <View className="page">
      <View className="card" id="me-account">
        <Text className="title" id="me-name">
          {account.displayName}
        </Text>
        <View className="info-row">
          <Text className="info-row__label">账号类型</Text>
          <Text>{isMember ? '党员（微信登录）' : '工作人员'}</Text>
        </View>
        <View className="info-row info-row--stacked">
          <Text className="info-row__label">身份</Text>
          <RoleTags roles={account.roles} />
        </View>
      </View>
      <MeLinks isMember={isMember} />
      {isMember ? <MemberProfile /> : null}
      <BigButton id="logout" kind="secondary" busy={leaving} busyText="正在退出…" onClick={leave}>
        退出登录
      </BigButton>
    </View>
  );
}
