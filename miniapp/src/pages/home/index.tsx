import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';
import { RoleTags } from '../../components/role-tags';
import { LoadingView } from '../../components/state-views';
import { useRequiredSession } from '../../components/use-required-session';
import { navigate } from '../../platform';
import { Routes } from '../../routes';
import { fetchCurrentAccount } from '../../services/auth';
import { errorMessage } from '../../services/http';
import { isStaff } from '../../stores/session';
import { hasRememberedScene } from '../scan/scanned-code';
import { MyFlowCard } from './my-flow-card';
import { PendingSubmissions } from './pending-submissions';
import { TodoCard } from './todo-card';

type Refresh = { status: 'idle' | 'loading' } | { status: 'failed'; message: string };

export default function HomePage() {
  const session = useRequiredSession();
  const [refresh, setRefresh] = useState<Refresh>({ status: 'idle' });

  // The stored account shows at once; this catches role changes made since login.
  const refreshAccount = () => {
    setRefresh({ status: 'loading' });
    fetchCurrentAccount()
      .then(() => setRefresh({ status: 'idle' }))
      .catch((cause: unknown) => setRefresh({ status: 'failed', message: errorMessage(cause) }));
  };

  useLoad(() => {
    if (session) refreshAccount();
    // A code scanned before logging in: carry on with it on the scan tab.
    if (session && hasRememberedScene()) navigate.to(Routes.scan);
  });

  if (!session) return <LoadingView />;
  const { account } = session;
  const staff = isStaff(account);

  return (
    <View className="page">
      <View className="card">
        <Text className="title" id="home-greeting">{`${account.displayName}，您好`}</Text>
        <RoleTags roles={account.roles} />
        {refresh.status === 'loading' ? <Text className="hint">正在更新账号信息…</Text> : null}
        {refresh.status === 'failed' ? (
          <View id="home-refresh-failed">
            <Text className="error-text">{`账号信息没有更新：${refresh.message}`}</Text>
            <BigButton id="home-refresh-retry" kind="plain" onClick={refreshAccount}>
              重试
            </BigButton>
          </View>
        ) : null}
      </View>

      {staff ? (
        <View className="card">
          <Text className="subtitle">书记工作台</Text>
          <Text className="hint">外出报告审批、结对联系提醒都在这里处理。</Text>
          <BigButton id="secretary-console-link" onClick={() => navigate.to(Routes.secretaryConsole)}>
            进入书记工作台
          </BigButton>
        </View>
      ) : null}
      {staff ? (
        <TodoCard />
      ) : (
        <>
          <PendingSubmissions />
          {account.memberId ? <TodoCard hideWhenEmpty /> : null}
          <MyFlowCard memberId={account.memberId} />
          {account.memberId ? (
            <View className="card">
              <Text className="subtitle">民主评议</Text>
              <Text className="hint">填写年度自评，查看支部公布的评议结果。</Text>
              <BigButton id="home-evaluation-link" kind="secondary" onClick={() => navigate.to(Routes.myEvaluation)}>
                我的民主评议
              </BigButton>
            </View>
          ) : null}
          <View className="card">
            <Text className="subtitle">志愿服务</Text>
            <Text className="hint">
              {account.memberId
                ? '发布技能卡为社区出把力，处理居民的请求。'
                : '找身边的党员志愿者帮忙：修水电、法律咨询等。'}
            </Text>
            <BigButton id="home-volunteer-link" kind="secondary" onClick={() => navigate.to(Routes.volunteerHub)}>
              {account.memberId ? '我的志愿服务' : '找志愿者帮忙'}
            </BigButton>
          </View>
          <View className="card">
            <Text className="subtitle">到了新地方？</Text>
            <Text className="hint">扫一扫当地党组织的报到码，就能找到身边的党组织。</Text>
            <BigButton id="home-scan-link" kind="secondary" onClick={() => navigate.to(Routes.scan)}>
              扫码报到
            </BigButton>
          </View>
        </>
      )}
    </View>
  );
}
