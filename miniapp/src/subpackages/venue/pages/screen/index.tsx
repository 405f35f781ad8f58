import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ACTIVITY_STATUS_LABELS } from '@pioneer/shared';
import { QrCode } from '../../../../components/qr-code';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { useViewportSize } from '../../../../platform/viewport';
import { useLiveActivity, useVenueCode } from '../../venue-polling';
import '../../venue.css';

const INSTRUCTION = '请用微信扫一扫或流动先锋小程序“扫码”签到';

/** As large as the screen allows beside (landscape) or under (portrait) the title and count. */
function qrSizeFor(width: number, height: number): number {
  const landscape = width > height;
  const size = landscape ? Math.min(height * 0.66, width * 0.5) : Math.min(width * 0.8, height * 0.5);
  return Math.max(160, Math.floor(size));
}

function VenueScreen({ activityId }: { activityId: string }) {
  const activity = useLiveActivity(activityId);
  const cancelled = activity.data?.status === 'cancelled';
  const code = useVenueCode(activityId, !cancelled);
  const { width, height } = useViewportSize();
  const qrSize = qrSizeFor(width, height);
  const offline = activity.failing || code.failing;
  const stopped = cancelled ? '活动已取消，停止签到' : (code.stopped ?? activity.stopped);

  return (
    <View className="venue" id="venue-screen">
      <View className="venue__head">
        <Text className="venue__title" id="venue-title">
          {activity.data ? activity.data.title : '签到大屏'}
        </Text>
        {activity.data ? (
          <Text className="venue__place" id="venue-place">
            {`地点：${activity.data.place}`}
          </Text>
        ) : null}
      </View>
      <View className="venue__body">
        {stopped ? (
          <Text className="venue__stopped" id="venue-stopped">
            {stopped}
          </Text>
        ) : code.data ? (
          <QrCode id="venue-qr" text={code.data.link} size={qrSize} />
        ) : (
          <View
            className="venue__placeholder"
            id="venue-qr-waiting"
            style={{ width: `${qrSize}px`, height: `${qrSize}px` }}
          >
            <Text>{code.failing ? '正在连接服务器…' : '正在生成签到二维码…'}</Text>
          </View>
        )}
        <View className="venue__info">
          <Text className="venue__count" id="venue-count">
            {activity.data ? `已签到 ${activity.data.checkedIn} 人` : '已签到 — 人'}
          </Text>
          {stopped ? null : (
            <Text className="venue__instruction" id="venue-instruction">
              {INSTRUCTION}
            </Text>
          )}
          {activity.data && activity.data.status !== 'cancelled' ? (
            <Text className="venue__status" id="venue-status">
              {`${ACTIVITY_STATUS_LABELS[activity.data.status]}${activity.data.checkoutEnabled ? ' · 离开时请再扫一次签退' : ''}`}
            </Text>
          ) : null}
          {offline && !stopped ? (
            <Text className="venue__note" id="venue-offline">
              网络中断，正在重连
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}

/** 签到大屏 (?id=): for a laptop or TV at the venue; the QR changes every few seconds so a photo of it is no use later. */
export default function VenueScreenPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id;

  if (!session) return <LoadingView />;
  if (!id) return <ErrorView id="venue-missing" message="没有指定活动，请从活动详情打开签到大屏" />;
  return <VenueScreen activityId={id} />;
}
