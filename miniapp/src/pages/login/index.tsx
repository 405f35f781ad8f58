import { Text, View } from '@tarojs/components';
import type { DemoMemberView, MetaView } from '@pioneer/shared';
import { useCallback, useEffect, useState } from 'react';
import { BigButton } from '../../components/big-button';
import { capabilities, navigate, wechatLoginCode } from '../../platform';
import { Routes } from '../../routes';
import { loginAsStaff, loginWithWechatCode } from '../../services/auth';
import { errorMessage } from '../../services/http';
import { fetchMeta, mintDemoLoginCode } from '../../services/meta';
import { useSession } from '../../stores/session';
import { DemoLogin } from './demo-login';
import { StaffLoginForm } from './staff-login-form';
import './index.css';

type MetaState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; meta: MetaView };
type Busy = { kind: 'wechat' } | { kind: 'staff' } | { kind: 'demo'; openid: string } | null;

export default function LoginPage() {
  const session = useSession();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [metaState, setMetaState] = useState<MetaState>({ status: 'loading' });
  // On weapp WeChat login is the one obvious action; the staff form waits behind a link.
  const [staffFormOpen, setStaffFormOpen] = useState(!capabilities.wechatLogin);

  useEffect(() => {
    if (session) navigate.reLaunch(Routes.home);
  }, [session]);

  const loadMeta = useCallback(() => {
    fetchMeta()
      .then((meta) => setMetaState({ status: 'ready', meta }))
      .catch((cause: unknown) => setMetaState({ status: 'failed', message: errorMessage(cause) }));
  }, []);

  useEffect(loadMeta, [loadMeta]);

  const retryMeta = () => {
    setMetaState({ status: 'loading' });
    loadMeta();
  };

  const run = (next: Exclude<Busy, null>, login: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(next);
    setError(null);
    login()
      .catch((cause: unknown) => setError(errorMessage(cause)))
      .finally(() => setBusy(null));
  };

  const loginWithWechat = () => run({ kind: 'wechat' }, async () => loginWithWechatCode(await wechatLoginCode()));

  const loginStaff = (username: string, password: string) =>
    run({ kind: 'staff' }, () => loginAsStaff(username, password));

  const loginDemo = (member: DemoMemberView) =>
    run({ kind: 'demo', openid: member.openid }, async () => {
      if (metaState.status !== 'ready' || !metaState.meta.devLogin) return;
      const code = await mintDemoLoginCode(metaState.meta.devLogin, member.openid);
      await loginWithWechatCode(code);
    });

  const devLogin = metaState.status === 'ready' ? metaState.meta.devLogin : null;

  return (
    <View className="page login-page">
      <View className="login-page__brand">
        <Text className="login-page__name">流动先锋</Text>
        <Text className="login-page__slogan">流动党员的网上之家</Text>
      </View>

      {error ? (
        <View className="card login-page__error" id="login-error">
          <Text className="error-text">{error}</Text>
        </View>
      ) : null}

      {capabilities.wechatLogin ? (
        <View className="card">
          <BigButton id="wechat-login" busy={busy?.kind === 'wechat'} busyText="正在登录…" onClick={loginWithWechat}>
            微信一键登录
          </BigButton>
          <Text className="hint login-page__hint">党员请用微信登录；工作人员请用账号密码登录。</Text>
        </View>
      ) : null}

      {staffFormOpen ? (
        <StaffLoginForm busy={busy?.kind === 'staff'} onSubmit={loginStaff} />
      ) : (
        <BigButton id="show-staff-login" kind="plain" onClick={() => setStaffFormOpen(true)}>
          工作人员账号登录
        </BigButton>
      )}

      {devLogin ? (
        <DemoLogin
          members={devLogin.demoMembers}
          busyOpenid={busy?.kind === 'demo' ? busy.openid : null}
          onPick={loginDemo}
        />
      ) : null}
      {metaState.status === 'loading' && !capabilities.wechatLogin ? (
        <Text className="hint" id="meta-loading">
          正在加载登录方式…
        </Text>
      ) : null}
      {metaState.status === 'failed' && !capabilities.wechatLogin ? (
        <View className="card" id="meta-failed">
          <Text className="hint">{`暂时无法确认登录方式：${metaState.message}`}</Text>
          <BigButton id="meta-retry" kind="plain" onClick={retryMeta}>
            重试
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
