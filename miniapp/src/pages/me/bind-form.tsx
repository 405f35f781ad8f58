import { Input, Text, View } from '@tarojs/components';
import { PHONE_PATTERN, type BindMemberRequest, type MemberSelfView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';
import { Segmented } from '../../components/segmented';
import { errorMessage } from '../../services/http';
import { bindMember } from '../../services/members';

type Method = 'phone' | 'idLast6';

const METHODS = [
  { value: 'phone', label: '用手机号', id: 'bind-method-phone' },
  { value: 'idLast6', label: '用身份证后6位', id: 'bind-method-id' },
] as const;

const ID_LAST6_PATTERN = /^[0-9]{5}[0-9X]$/;

/** What to send, or what to tell the person first. */
export function bindRequestFrom(
  name: string,
  method: Method,
  phone: string,
  idLast6: string,
): BindMemberRequest | string {
  const trimmedName = name.trim();
  if (!trimmedName) return '请输入您的姓名';
  if (method === 'phone') {
    const digits = phone.replace(/[\s-]/g, '');
    if (!PHONE_PATTERN.test(digits)) return '请输入 11 位手机号码';
    return { name: trimmedName, phone: digits };
  }
  const last6 = idLast6.trim().toUpperCase();
  if (!ID_LAST6_PATTERN.test(last6)) return '请输入身份证号码的最后 6 位（最后一位可能是 X）';
  return { name: trimmedName, idLast6: last6 };
}

/** Links the WeChat account to the member's roster entry: name plus phone, or name plus the ID's last 6. */
export function BindForm({ onBound }: { onBound: (view: MemberSelfView) => void }) {
  const [name, setName] = useState('');
  const [method, setMethod] = useState<Method>('phone');
  const [phone, setPhone] = useState('');
  const [idLast6, setIdLast6] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    if (busy) return;
    const request = bindRequestFrom(name, method, phone, idLast6);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setBusy(true);
    setProblem(null);
    bindMember(request)
      .then(onBound)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View id="bind-form">
      <Text className="hint">
        请填写党员名册上的姓名，再用手机号或身份证号后 6 位核对身份。绑定后可以报告外出、报到和查看学习内容。
      </Text>
      <View className="field section">
        <Text className="field__label">姓名</Text>
        <Input
          id="bind-name"
          className="field__input"
          placeholder="请输入姓名"
          maxlength={50}
          value={name}
          onInput={(event) => setName(event.detail.value)}
        />
      </View>
      <Segmented
        id="bind-method"
        options={METHODS}
        value={method}
        onChange={(next) => {
          setMethod(next);
          setProblem(null);
        }}
      />
      {method === 'phone' ? (
        <View className="field" key="phone">
          <Text className="field__label">手机号</Text>
          <Input
            id="bind-phone"
            className="field__input"
            type="number"
            placeholder="党员名册上登记的手机号"
            maxlength={11}
            value={phone}
            onInput={(event) => setPhone(event.detail.value)}
          />
        </View>
      ) : (
        <View className="field" key="idLast6">
          <Text className="field__label">身份证号后 6 位</Text>
          <Input
            id="bind-id-last6"
            className="field__input"
            type="idcard"
            placeholder="如 12345X"
            maxlength={6}
            value={idLast6}
            onInput={(event) => setIdLast6(event.detail.value)}
          />
        </View>
      )}
      {problem ? (
        <Text className="error-text" id="bind-error">
          {problem}
        </Text>
      ) : null}
      <BigButton id="bind-submit" busy={busy} busyText="正在核对…" onClick={submit}>
        核对并绑定
      </BigButton>
    </View>
  );
}
