import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';
import { LoadingView } from '../../components/state-views';
import { useRequiredSession } from '../../components/use-required-session';
import { capabilities, scanCode } from '../../platform';
import { errorMessage } from '../../services/http';
import { arrivalCodeFrom } from './arrival-code';

export default function ScanPage() {
  const session = useRequiredSession();
  const [scanning, setScanning] = useState(false);
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const accept = (input: { result: string; path?: string }) => {
    const found = arrivalCodeFrom(input);
    setCode(found);
    setProblem(found ? null : '这不是报到码，请对准党组织的报到码再试一次');
  };

  const scan = () => {
    setScanning(true);
    setProblem(null);
    scanCode()
      .then((outcome) => {
        if (outcome.kind === 'scanned') accept(outcome);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setScanning(false));
  };

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <View className="card">
        <Text className="title">扫码报到</Text>
        <Text className="hint">到达新的工作地后，扫描当地党组织的报到码，向组织报到。</Text>
        {capabilities.cameraScan ? (
          <BigButton id="scan-button" size="huge" busy={scanning} busyText="正在打开相机…" onClick={scan}>
            扫码报到
          </BigButton>
        ) : (
          <View id="arrival-code-form" className="section">
            <Text className="text">当前浏览器不能扫码，请输入报到码：</Text>
            <View className="field">
              <Input
                id="arrival-code-input"
                className="field__input"
                placeholder="报到码"
                maxlength={64}
                value={typed}
                onInput={(event) => setTyped(event.detail.value)}
              />
            </View>
            <BigButton id="arrival-code-submit" onClick={() => accept({ result: typed })}>
              确认报到码
            </BigButton>
          </View>
        )}
        {problem ? (
          <Text className="error-text" id="scan-problem">
            {problem}
          </Text>
        ) : null}
      </View>

      {code ? (
        <View className="card" id="scan-result">
          <Text className="subtitle">已识别报到码</Text>
          <Text className="text">{code}</Text>
          <Text className="hint">在线报到即将开放，届时识别后会直接提交给当地党组织。</Text>
        </View>
      ) : null}
    </View>
  );
}
