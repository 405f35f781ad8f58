import { Text, View } from '@tarojs/components';
import type { DemoMemberView } from '@pioneer/shared';
import { BigButton } from '../../components/big-button';

export interface DemoLoginProps {
  members: DemoMemberView[];
  busyOpenid: string | null;
  onPick: (member: DemoMemberView) => void;
}

/** Only a development server offers these: each logs in as a demo member through the stand-in WeChat server. */
export function DemoLogin({ members, busyOpenid, onPick }: DemoLoginProps) {
  return (
    <View className="card" id="demo-login">
      <Text className="subtitle">演示登录</Text>
      <Text className="hint">开发环境专用：选择一位演示党员，模拟微信登录。</Text>
      {members.length === 0 ? <Text className="text">暂无演示账号</Text> : null}
      {members.map((member) => (
        <BigButton
          key={member.openid}
          id={`demo-login-${member.openid}`}
          kind="secondary"
          busy={busyOpenid === member.openid}
          busyText="正在登录…"
          disabled={busyOpenid !== null}
          onClick={() => onPick(member)}
        >
          {`演示登录：${member.displayName}`}
        </BigButton>
      ))}
    </View>
  );
}
