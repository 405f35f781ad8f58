import { Text, View } from '@tarojs/components';
import type { AreaView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../components/state-views';
import { useLoader } from '../../../components/use-loader';
import { listAreas } from '../../../services/volunteer';

export interface AreaChoice {
  id: string;
  name: string;
}

/**
 * Picks a community (村/社区) or a street (街道/乡镇) one level at a time, from the province down.
 * Tapping a community chooses it; tapping a higher level opens it; a street can also be chosen
 * whole (`#<id>-choose-<areaId>`).
 */
export function AreaPicker({
  id,
  onChoose,
  onCancel,
}: {
  id: string;
  onChoose: (area: AreaChoice) => void;
  onCancel?: () => void;
}) {
  const [trail, setTrail] = useState<AreaView[]>([]);
  const parent = trail[trail.length - 1];
  const { state, reload } = useLoader(() => listAreas(parent?.id), parent?.id ?? '');

  return (
    <View className="card" id={id}>
      <Text className="subtitle">选择社区</Text>
      <View className="vol-breadcrumb" id={`${id}-trail`}>
        <Text className="vol-breadcrumb__item" id={`${id}-top`} onClick={() => setTrail([])}>
          全部
        </Text>
        {trail.map((area, index) => (
          <Text
            key={area.id}
            className="vol-breadcrumb__item"
            onClick={() => setTrail((before) => before.slice(0, index + 1))}
          >
            {`› ${area.name}`}
          </Text>
        ))}
      </View>
      {state.status === 'loading' ? <LoadingView id={`${id}-loading`} /> : null}
      {state.status === 'failed' ? <ErrorView id={`${id}-error`} message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? (
        <EmptyState id={`${id}-empty`} title="这一级下面没有社区" description="请点上方返回上一级重新选择。" />
      ) : null}
      {state.status === 'ready'
        ? state.data.map((area) => {
            const leaf = area.level === 'village';
            return (
              <View key={area.id} className="info-row">
                <Text
                  id={`${id}-option-${area.id}`}
                  className="text"
                  onClick={() => (leaf ? onChoose(area) : setTrail((before) => [...before, area]))}
                >
                  {leaf ? area.name : `${area.name} ›`}
                </Text>
                {!leaf && area.selectable ? (
                  <Text className="tag" id={`${id}-choose-${area.id}`} onClick={() => onChoose(area)}>
                    选整个街道
                  </Text>
                ) : null}
              </View>
            );
          })
        : null}
      {onCancel ? (
        <BigButton id={`${id}-cancel`} kind="plain" onClick={onCancel}>
          取消
        </BigButton>
      ) : null}
    </View>
  );
}
