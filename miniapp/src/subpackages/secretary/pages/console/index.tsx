import { Text, View } from '@tarojs/components';
import { BigButton } from '../../../../components/big-button';
import { RoleTags } from '../../../../components/role-tags';
import { EmptyState, LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { isStaff } from '../../../../stores/session';

export default function SecretaryConsolePage() {
  const session = useRequiredSession();
  if (!session) return <LoadingView />;
  const { account } = session;

  if (!isStaff(account)) {
    return (
      <View className="page">
        <View className="card">
          <EmptyState
            id="console-forbidden"
            title="没有访问权限"
            description="书记工作台供支部书记、支委和组织部门工作人员使用。"
          />
          <BigButton id="console-home" kind="secondary" onClick={() => navigate.to(Routes.home)}>
            返回首页
          </BigButton>
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      <View className="card" id="console-account">
        <Text className="hint">当前登录</Text>
        <Text className="title" id="console-name">
          {account.displayName}
        </Text>
        <RoleTags roles={account.roles} />
      </View>
      <View className="card">
        <Text className="subtitle">待办事项</Text>
        <EmptyState
          id="console-empty"
          title="暂无待办事项"
          description="党员的外出报告审批、结对联系提醒等待办会显示在这里。"
        />
      </View>
    </View>
  );
}
