import { Text, View } from '@tarojs/components';
import type { StudyDeliveryView, StudyPackView } from '@pioneer/shared';
import { useEffect, useRef, useState } from 'react';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { ProgressBar } from '../../../../components/study-views';
import { useLoader } from '../../../../components/use-loader';
import { usePageVisible } from '../../../../platform/page-visibility';
import { downloadRedParcels, fetchDelivery } from '../../../../services/study';
import { DownloadButton } from '../../components/download-button';

/** How often to ask again while a pack is going out. */
export const DELIVERY_POLL_MS = 3000;

function Line({ id, label, done, total }: { id: string; label: string; done: number; total: number }) {
  return (
    <View className="delivery-line" id={id}>
      <View className="delivery-line__head">
        <Text>{label}</Text>
        <Text>{`${done} / ${total}`}</Text>
      </View>
      <ProgressBar value={total > 0 ? done / total : 1} done={total > 0 && done >= total} />
    </View>
  );
}

function Figures({ delivery, title, packId }: { delivery: StudyDeliveryView; title: string; packId: string }) {
  return (
    <View>
      {delivery.status === 'publishing' ? (
        <Text className="hint" id="delivery-publishing">
          正在推送，页面会自动更新…
        </Text>
      ) : null}
      <Text className="text" id="delivery-audience">{`应发 ${delivery.audience} 人`}</Text>
      <Line id="delivery-inbox" label="站内消息已送达" done={delivery.inboxDelivered} total={delivery.audience} />
      <Text className="text section" id="delivery-wechat">
        {`微信提醒：已发 ${delivery.wechatSent} 人，未订阅 ${delivery.wechatSkipped} 人，失败 ${delivery.wechatFailed} 人`}
      </Text>
      <Text
        className="text section"
        id="delivery-red-parcels"
      >{`红色邮包（无智能手机）：${delivery.redParcels} 人`}</Text>
      {delivery.redParcels > 0 ? (
        <DownloadButton
          id="delivery-red-parcels-download"
          fileName={`${title}红色邮包名单.xlsx`}
          download={() => downloadRedParcels(packId)}
        >
          下载红色邮包名单（Excel）
        </DownloadButton>
      ) : null}
    </View>
  );
}

/** Delivery of a pack that has gone out: asked again every few seconds while it is still going out. */
export function DeliveryCard({ pack, onSettled }: { pack: StudyPackView; onSettled: () => void }) {
  const delivery = useLoader(() => fetchDelivery(pack.id), pack.id);
  const [round, setRound] = useState(0);
  const visible = usePageVisible();
  const status = delivery.state.status === 'ready' ? delivery.state.data.status : pack.status;
  const publishing = status === 'publishing';
  const { setData } = delivery;

  useEffect(() => {
    if (!publishing || !visible) return undefined;
    const timer = setTimeout(() => {
      fetchDelivery(pack.id)
        .then(setData)
        // A missed poll is asked again next round.
        .catch(() => undefined)
        .finally(() => setRound((before) => before + 1));
    }, DELIVERY_POLL_MS);
    return () => clearTimeout(timer);
  }, [publishing, visible, round, pack.id, setData]);

  const wasPublishing = useRef(publishing);
  useEffect(() => {
    if (wasPublishing.current && !publishing) onSettled();
    wasPublishing.current = publishing;
  }, [publishing, onSettled]);

  return (
    <View className="card" id="delivery">
      <Text className="subtitle">推送情况</Text>
      {delivery.state.status === 'loading' ? <LoadingView id="delivery-loading" /> : null}
      {delivery.state.status === 'failed' ? (
        <ErrorView id="delivery-error" message={delivery.state.message} onRetry={delivery.reload} />
      ) : null}
      {delivery.state.status === 'ready' ? (
        <Figures delivery={delivery.state.data} title={pack.title} packId={pack.id} />
      ) : null}
    </View>
  );
}
