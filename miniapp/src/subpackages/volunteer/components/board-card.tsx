import { Text, View } from '@tarojs/components';
import type { BoardCardView } from '@pioneer/shared';
import { availabilityText, recordText } from './availability';
import { SkillTags } from './status';

/** A card as the board shows it: the masked name, skills, area, free time and record; never a phone. */
export function BoardCard({ id, card, onClick }: { id: string; card: BoardCardView; onClick?: () => void }) {
  return (
    <View className={`card${onClick ? ' link-card' : ''}`} id={id} onClick={onClick}>
      <View>
        <Text className="subtitle">{`${card.memberName}（党员志愿者）`}</Text>
        <SkillTags skills={card.skills} extra={card.extraSkills} />
        <Text className="text">{card.description}</Text>
        <Text className="hint">{`服务区域：${card.areaName}${card.regionText ? `（${card.regionText}）` : ''}`}</Text>
        <Text className="hint">{`有空时间：${availabilityText(card.availability)}`}</Text>
        <Text className="hint">{recordText(card.servicesConfirmed, card.ratingAverage)}</Text>
      </View>
      {onClick ? <Text className="link-card__arrow">›</Text> : null}
    </View>
  );
}
