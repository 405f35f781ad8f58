import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';

export interface StaffLoginFormProps {
  busy: boolean;
  onSubmit: (username: string, password: string) => void;
}

export function StaffLoginForm({ busy, onSubmit }: StaffLoginFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const name = username.trim();
    if (!name) return setProblem('请输入用户名');
    if (!password) return setProblem('请输入密码');
    setProblem(null);
    onSubmit(name, password);
  };

  return (
    <View className="card" id="staff-login-form">
      <Text className="subtitle">工作人员登录</Text>
      <View className="field">
        <Text className="field__label">用户名</Text>
        <Input
          id="login-username"
          className="field__input"
          type="text"
          placeholder="请输入用户名"
          maxlength={64}
          value={username}
          onInput={(event) => setUsername(event.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">密码</Text>
        <Input
          id="login-password"
          className="field__input"
          password
          placeholder="请输入密码"
          maxlength={128}
          value={password}
          onInput={(event) => setPassword(event.detail.value)}
          onConfirm={submit}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="staff-login-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="login-submit" busy={busy} busyText="正在登录…" onClick={submit}>
        登录
      </BigButton>
    </View>
  );
}
