import { Text, View } from '@tarojs/components';
import { NEED_STATUS_LABELS, type NeedView } from '@pioneer/shared';
import { formatActivityTime } from '../../../components/activity-time';
import { StatusTag } from './status';

/** One need: what, where, when, and how many places are left. */
export function NeedSummary({ id, need, onClick }: { id: string; need: NeedView; onClick?: () => void }) {
  return (
    <View className={`card${onClick ? ' link-card' : ''}`} id={id} onClick={onClick}>
      <View>
        <View className="vol-head">
          <Text className="subtitle">{need.title}</Text>
          <StatusTag id={`${id}-status`} status={need.status} label={NEED_STATUS_LABELS[need.status]} />
        </View>
        <Text className="text">{`${need.skill.label} · ${need.orgName}`}</Text>
        <Text className="text">{`地点：${need.place}`}</Text>
        <Text className="text">{`时间：${formatActivityTime(need.startsAt, need.endsAt)}`}</Text>
        <Text className="hint" id={`${id}-count`}>{`需要 ${need.headcount} 人，已报名 ${need.signedUp} 人`}</Text>
      </View>
    </View>
  );
}
