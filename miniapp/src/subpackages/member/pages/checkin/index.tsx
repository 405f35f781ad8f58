import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import {
  ERROR_MESSAGES,
  parseCode,
  type CheckinDirection,
  type CheckinRequest,
  type CheckinResult,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime } from '../../../../components/format';
import { InfoRow } from '../../../../components/info-row';
import { LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { getLocationIfAllowed, navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { checkinQueue, isUnreachable } from '../../../../services/checkin-queue';
import { checkIn, deviceId, resolveCode } from '../../../../services/checkins';
import { errorMessage, newIdempotencyKey } from '../../../../services/http';
import { sessionStore } from '../../../../stores/session';
import { codeParam } from '../../code-param';
import { SavedOffline } from '../../components/saved-offline';
import { UnboundNotice } from '../../components/unbound-notice';
import '../../member.css';

/** How long a check-in waits for the phone's position before going without it. */
const LOCATION_WAIT_MS = 2500;

const VERB: Record<CheckinDirection, string> = { in: '签到', out: '签退' };

type Phase =
  | { kind: 'sending'; direction: CheckinDirection }
  | { kind: 'done'; direction: CheckinDirection; result: CheckinResult }
  | { kind: 'queued'; direction: CheckinDirection; scannedAt: string }
  | { kind: 'failed'; direction: CheckinDirection; message: string };

function Done({
  phase,
  offerCheckOut,
  onCheckOut,
}: {
  phase: Extract<Phase, { kind: 'done' }>;
  offerCheckOut: boolean;
  onCheckOut: () => void;
}) {
  const { result, direction } = phase;
  const { checkin } = result;
  const title = direction === 'out' ? '签退成功' : result.repeated ? '您已签到过' : '签到成功';
  return (
    <View className="card" id="checkin-done">
      <Text className="result-mark">✓</Text>
      <Text className="result-title" id="checkin-done-title">
        {title}
      </Text>
      <Text className="branch-name" id="checkin-activity">
        {checkin.activityTitle}
      </Text>
      <View className="section">
        <Text className="status-badge" id="checkin-state">
          {checkin.checkedOutAt ? '已签退' : '已签到'}
        </Text>
      </View>
      <View className="section">
        <InfoRow id="checkin-in-at" label="签到时间" value={formatDateTime(checkin.checkedInAt)} />
        {checkin.checkedOutAt ? (
          <InfoRow id="checkin-out-at" label="签退时间" value={formatDateTime(checkin.checkedOutAt)} />
        ) : null}
        {checkin.minutes !== null ? (
          <InfoRow id="checkin-minutes" label="参加时长" value={`${checkin.minutes} 分钟`} />
        ) : null}
      </View>
      {offerCheckOut ? (
        <View className="section" id="checkin-offer-out">
          <Text className="hint">离开活动现场时，请点下面的按钮签退，记录参加时长。</Text>
          <BigButton id="checkin-out" kind="secondary" onClick={onCheckOut}>
            签退
          </BigButton>
        </View>
      ) : null}
      <BigButton id="checkin-history" kind="plain" onClick={() => navigate.to(Routes.memberCheckins)}>
        我的签到记录
      </BigButton>
    </View>
  );
}

/** 签到: opened with the venue screen's code, it checks in at once and says how it went. */
export default function CheckinPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const code = codeParam(params.code);
  const isActivityCode = parseCode(code)?.kind === 'activity';
  const memberId = session?.account.memberId ?? null;
  const [phase, setPhase] = useState<Phase>({ kind: 'sending', direction: 'in' });
  const [checkoutEnabled, setCheckoutEnabled] = useState(false);

  // Someone who scans again after checking in has usually come to leave: offer 签退 if the activity records it.
  const learnWhetherCheckoutIsRecorded = () => {
    resolveCode(code)
      .then((resolved) => setCheckoutEnabled(resolved.kind === 'activity' && resolved.activity.checkoutEnabled))
      // Without the answer the button stays hidden; scanning again at the exit still works.
      .catch(() => undefined);
  };

  const send = async (direction: CheckinDirection) => {
    // One scan, one clientId: the retries inside the HTTP client and the offline queue reuse it.
    const clientId = newIdempotencyKey();
    const scannedAt = new Date().toISOString();
    setPhase({ kind: 'sending', direction });
    const location = await getLocationIfAllowed(LOCATION_WAIT_MS);
    const request: CheckinRequest = { code, clientId, deviceId: deviceId() };
    if (direction === 'out') request.direction = 'out';
    if (location) request.location = { lat: location.latitude, lng: location.longitude };
    try {
      const result = await checkIn(request);
      setPhase({ kind: 'done', direction, result });
      if (direction === 'in' && result.repeated && !result.checkin.checkedOutAt) learnWhetherCheckoutIsRecorded();
    } catch (cause) {
      const label = `活动${VERB[direction]}`;
      if (isUnreachable(cause) && checkinQueue.enqueue({ kind: 'checkin', request, label, scannedAt })) {
        setPhase({ kind: 'queued', direction, scannedAt });
      } else {
        setPhase({ kind: 'failed', direction, message: errorMessage(cause) });
      }
    }
  };

  useLoad(() => {
    if (isActivityCode && sessionStore.get()?.account.memberId) void send('in');
  });

  if (!session) return <LoadingView />;

  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="checkin-unbound" doing="签到" />
      </View>
    );
  }

  if (!isActivityCode) {
    return (
      <View className="page">
        <View className="card" id="checkin-bad-code">
          <Text className="subtitle">这不是活动签到码</Text>
          <Text className="hint">{ERROR_MESSAGES.CODE_WRONG_KIND}，请扫活动现场屏幕上的签到码。</Text>
          <BigButton id="checkin-rescan" onClick={() => navigate.to(Routes.scan)}>
            重新扫码
          </BigButton>
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      {phase.kind === 'sending' ? <LoadingView id="checkin-sending" text={`正在${VERB[phase.direction]}…`} /> : null}
      {phase.kind === 'done' ? (
        <Done
          phase={phase}
          offerCheckOut={checkoutEnabled && phase.direction === 'in' && !phase.result.checkin.checkedOutAt}
          onCheckOut={() => void send('out')}
        />
      ) : null}
      {phase.kind === 'queued' ? (
        <SavedOffline id="checkin-queued" what={VERB[phase.direction]} scannedAt={phase.scannedAt} />
      ) : null}
      {phase.kind === 'failed' ? (
        <View className="card" id="checkin-failed">
          <Text className="result-title">{`${VERB[phase.direction]}没有成功`}</Text>
          <Text className="error-text" id="checkin-error">
            {phase.message}
          </Text>
          <BigButton id="checkin-rescan" onClick={() => navigate.to(Routes.scan)}>
            重新扫码
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
