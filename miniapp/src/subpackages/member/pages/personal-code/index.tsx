import { Text, View } from '@tarojs/components';
import type { PersonalCodeKey } from '@pioneer/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { QrCode } from '../../../../components/qr-code';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { fetchPersonalCodeKey, forgetPersonalCodeKey, storedPersonalCodeKey } from '../../../../services/checkins';
import { errorMessage } from '../../../../services/http';
import { UnboundNotice } from '../../components/unbound-notice';
import { base64UrlToBytes, personalCodeAt, secondsLeft, stepSecondsOf } from './personal-code';
import '../../member.css';

/** Width and height of the code on screen, in px: big enough for a scanner at arm's length. */
const QR_SIZE = 300;

type Fetching = { status: 'idle' | 'loading' } | { status: 'failed'; message: string };

function secretOf(key: PersonalCodeKey | null): Uint8Array | null {
  if (!key) return null;
  try {
    return base64UrlToBytes(key.secret);
  } catch {
    return null;
  }
}

/**
 * 我的先锋码: a code that changes every half minute, computed on the phone from a key kept there, so it
 * shows without a network. It holds only the member's public code and a signature: no name, ID or phone.
 */
export default function PersonalCodePage() {
  const session = useRequiredSession();
  const memberId = session?.account.memberId ?? null;
  const [key, setKey] = useState<PersonalCodeKey | null>(() => storedPersonalCodeKey());
  const [fetching, setFetching] = useState<Fetching>({ status: 'idle' });
  const [now, setNow] = useState(() => Date.now());

  const fetchKey = useCallback((quietly: boolean) => {
    if (!quietly) setFetching({ status: 'loading' });
    fetchPersonalCodeKey()
      .then((fresh) => {
        setKey(fresh);
        setFetching({ status: 'idle' });
      })
      .catch((cause: unknown) => {
        // With a key on the phone the code still works offline; only a missing key is worth a message.
        if (!quietly) setFetching({ status: 'failed', message: errorMessage(cause) });
      });
  }, []);

  // The kept key shows at once; a fresh one replaces it when the network allows (a key may be rotated).
  useEffect(() => {
    if (memberId) fetchKey(storedPersonalCodeKey() !== null);
  }, [memberId, fetchKey]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const secret = useMemo(() => secretOf(key), [key]);
  const stepMs = key ? stepSecondsOf(key) * 1000 : 0;
  const stepStart = stepMs > 0 ? Math.floor(now / stepMs) * stepMs : 0;
  const code = useMemo(() => (key && secret ? personalCodeAt(key, secret, stepStart) : null), [key, secret, stepStart]);

  const renew = () => {
    forgetPersonalCodeKey();
    setKey(null);
    fetchKey(false);
  };

  if (!session) return <LoadingView />;

  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="personal-code-unbound" doing="显示您的先锋码" />
      </View>
    );
  }

  return (
    <View className="page">
      <View className="card personal-code" id="personal-code">
        <Text className="title">我的先锋码</Text>
        {code && key ? (
          <>
            <View className="personal-code__qr">
              <QrCode id="personal-code-qr" text={code} size={QR_SIZE} />
            </View>
            <Text className="personal-code__countdown" id="personal-code-countdown">
              {`${secondsLeft(key, now)} 秒后自动更新`}
            </Text>
            <Text className="text section" id="personal-code-purpose">
              请出示给党组织工作人员扫码，可为您登记报到或签到
            </Text>
            <Text className="hint section">
              先锋码每 {stepSecondsOf(key)}{' '}
              秒更换一次，请当面出示，不要截图转发。码中不含姓名、身份证号和手机号，没有网络也能显示。
            </Text>
          </>
        ) : null}
        {!code && fetching.status !== 'failed' ? (
          <LoadingView id="personal-code-loading" text="正在获取先锋码…" />
        ) : null}
        {!code && fetching.status === 'failed' ? (
          <ErrorView
            id="personal-code-error"
            message={`${fetching.message}（第一次显示先锋码需要联网）`}
            onRetry={() => fetchKey(false)}
          />
        ) : null}
      </View>
      {code ? (
        <View className="card">
          <Text className="hint">工作人员扫码提示先锋码已停用或无法识别时，请联网后点这里刷新。</Text>
          <BigButton id="personal-code-renew" kind="plain" onClick={renew}>
            刷新先锋码
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
