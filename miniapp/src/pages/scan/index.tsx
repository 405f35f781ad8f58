import { Input, Text, View } from '@tarojs/components';
import { useDidShow, useLoad, useRouter } from '@tarojs/taro';
import { ERROR_MESSAGES } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';
import { LoadingView } from '../../components/state-views';
import { useRequiredSession } from '../../components/use-required-session';
import { capabilities, navigate, scanCode } from '../../platform';
import { Routes } from '../../routes';
import { checkinQueue, useCheckinQueue } from '../../services/checkin-queue';
import { errorMessage } from '../../services/http';
import { sessionStore } from '../../stores/session';
import { QueueNotice } from './queue-notice';
import { readScan, rememberScene, sceneParam, takeRememberedScene } from './scanned-code';

const PERSONAL_CODE_REFUSED =
  '这是党员本人的先锋码，需由党组织工作人员扫码登记。请扫党组织的报到码或活动现场的签到码。';

/** 扫码: a branch code leads to 报到, an activity code to 签到; the code may also arrive in `?scene=`. */
export default function ScanPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const queue = useCheckinQueue();
  const [scanning, setScanning] = useState(false);
  const [typing, setTyping] = useState(!capabilities.cameraScan);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const accept = (input: { result: string; path?: string }) => {
    const scan = readScan(input);
    if (!scan) {
      setProblem(ERROR_MESSAGES.CODE_MALFORMED);
      return;
    }
    setProblem(null);
    switch (scan.code.kind) {
      case 'branch':
      case 'fallback':
        navigate.to(Routes.memberArrival, { code: scan.text });
        return;
      case 'activity':
        navigate.to(Routes.memberCheckin, { code: scan.text });
        return;
      case 'personal':
        setProblem(PERSONAL_CODE_REFUSED);
        return;
    }
  };

  // A poster's QR code or a mini-program code opens this page with the code: act on it at once.
  useLoad(() => {
    const scene = sceneParam(params.scene);
    if (!scene) return;
    // Without a session the person logs in first; the code waits for them (see the home page).
    if (sessionStore.get()) accept({ result: scene });
    else rememberScene(scene);
  });

  useDidShow(() => {
    if (!sessionStore.get()) return;
    const remembered = takeRememberedScene();
    if (remembered) accept({ result: remembered });
    // Each visit is a chance to send what waits.
    if (checkinQueue.pending().length > 0) void checkinQueue.flush();
  });

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
        <Text className="title">扫码报到 · 签到</Text>
        <Text className="hint">到了新地方，扫当地党组织的报到码报到；参加活动时，扫现场屏幕上的签到码签到。</Text>
        {capabilities.cameraScan ? (
          <BigButton id="scan-button" size="huge" busy={scanning} busyText="正在打开相机…" onClick={scan}>
            扫一扫
          </BigButton>
        ) : null}
        {typing ? (
          <View id="arrival-code-form" className="section">
            <Text className="text">
              {capabilities.cameraScan ? '请输入报到码：' : '当前浏览器不能扫码，请输入报到码：'}
            </Text>
            <View className="field">
              <Input
                id="arrival-code-input"
                className="field__input"
                placeholder="如 K7Q2-M9XD-3F8A"
                maxlength={64}
                value={typed}
                onInput={(event) => setTyped(event.detail.value)}
                onConfirm={() => accept({ result: typed })}
              />
            </View>
            <BigButton id="arrival-code-submit" onClick={() => accept({ result: typed })}>
              确认报到码
            </BigButton>
          </View>
        ) : (
          <BigButton id="scan-type-toggle" kind="plain" onClick={() => setTyping(true)}>
            扫不了？输入报到码
          </BigButton>
        )}
        {problem ? (
          <Text className="error-text" id="scan-problem">
            {problem}
          </Text>
        ) : null}
      </View>

      <QueueNotice pending={queue.pending} failed={queue.failed} />
    </View>
  );
}
