import { Input, Text, View } from '@tarojs/components';
import { normaliseRedemptionCode, type StaffRedemptionView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime } from '../../../../components/format';
import { InfoRow } from '../../../../components/info-row';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { capabilities, scanCode } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { fulfilRedemption, lookupRedemption } from '../../../../services/points';
import { redemptionStatusLabel } from '../../points-format';
import '../../points.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'found'; redemption: StaffRedemptionView; code: string }
  | { kind: 'fulfilled'; redemption: StaffRedemptionView };

const NOT_A_CODE = '兑换码是 12 位字母和数字，请核对后再输入';

/** 核销: the provider scans the member's code (or types it), sees what it is for, and fulfils it once. */
export default function FulfilPage() {
  const session = useRequiredSession();
  const [typed, setTyped] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);

  if (!session) return <LoadingView />;

  const look = (input: string) => {
    const code = normaliseRedemptionCode(input);
    if (!code) {
      setProblem(NOT_A_CODE);
      return;
    }
    setProblem(null);
    setStep({ kind: 'busy' });
    lookupRedemption(code)
      .then((redemption) => setStep({ kind: 'found', redemption, code }))
      .catch((error: unknown) => {
        setProblem(errorMessage(error));
        setStep({ kind: 'idle' });
      });
  };

  const scan = () => {
    setProblem(null);
    scanCode()
      .then((outcome) => {
        if (outcome.kind === 'scanned') look(outcome.result);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)));
  };

  const fulfil = (code: string) => {
    setProblem(null);
    setStep({ kind: 'busy' });
    fulfilRedemption(code)
      .then((redemption) => {
        setStep({ kind: 'fulfilled', redemption });
        setTyped('');
      })
      .catch((error: unknown) => {
        setProblem(errorMessage(error));
        setStep({ kind: 'idle' });
      });
  };

  return (
    <View className="page">
      <View className="card" id="fulfil-form">
        <Text className="title">权益核销</Text>
        <Text className="hint">扫描党员出示的兑换码，核对权益后确认核销。每个兑换码只能核销一次。</Text>
        {capabilities.cameraScan ? (
          <BigButton id="fulfil-scan" size="huge" busy={step.kind === 'busy'} onClick={scan}>
            扫兑换码
          </BigButton>
        ) : null}
        <View className="field section">
          <Text className="field__label">或输入兑换码</Text>
          <Input
            id="fulfil-code"
            className="field__input"
            value={typed}
            placeholder="如 ABCD-EFGH-JKMN"
            maxlength={20}
            onInput={(event) => setTyped(event.detail.value)}
          />
        </View>
        <BigButton id="fulfil-lookup" kind="secondary" busy={step.kind === 'busy'} onClick={() => look(typed)}>
          查询
        </BigButton>
        {problem ? (
          <Text className="error-text" id="fulfil-error">
            {problem}
          </Text>
        ) : null}
      </View>
      {step.kind === 'found' ? (
        <View className="card" id="fulfil-found">
          <Text className="subtitle">{step.redemption.benefitTitle}</Text>
          <InfoRow label="兑换人" value={step.redemption.memberName} />
          <InfoRow label="提供方" value={step.redemption.provider} />
          <InfoRow label="所用积分" value={`${step.redemption.cost} 分`} />
          <InfoRow label="兑换时间" value={formatDateTime(step.redemption.createdAt)} />
          <InfoRow label="状态" value={redemptionStatusLabel(step.redemption.status)} />
          {step.redemption.status === 'issued' ? (
            <BigButton id="fulfil-confirm" onClick={() => fulfil(step.code)}>
              确认核销
            </BigButton>
          ) : (
            <Text className="error-text" id="fulfil-not-issued">
              {step.redemption.status === 'fulfilled' ? '这个兑换码已经核销过了' : '这次兑换已取消'}
            </Text>
          )}
        </View>
      ) : null}
      {step.kind === 'fulfilled' ? (
        <View className="card" id="fulfil-done">
          <Text className="success-text">{`已核销：${step.redemption.benefitTitle}（${step.redemption.memberName}）`}</Text>
        </View>
      ) : null}
    </View>
  );
}
