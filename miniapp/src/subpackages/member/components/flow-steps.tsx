import { Text, View } from '@tarojs/components';
import type { FlowOrigin, FlowStatus } from '@pioneer/shared';

interface Step {
  id: string;
  label: string;
}

function stepsFor(origin: FlowOrigin): Step[] {
  return [
    origin === 'outflow_report'
      ? { id: 'left', label: '外出报告已批准' }
      : { id: 'left', label: '流出地党支部已收到通知' },
    { id: 'arrived', label: '已报到，待流入地党组织确认' },
    { id: 'active', label: '双向共管：两地党组织共同管理' },
  ];
}

/** Where each status sits on the way from leaving to being managed by both branches. */
const POSITION: Partial<Record<FlowStatus, number>> = { reported: 0, approved: 1, arrived: 1, found: 1, active: 3 };

/** 报到的进度: the member's flow from the approved outflow report to dual management. */
export function FlowSteps({ id, origin, status }: { id: string; origin: FlowOrigin; status: FlowStatus }) {
  const position = POSITION[status];
  if (position === undefined) return null;
  return (
    <View className="steps" id={id}>
      {stepsFor(origin).map((step, index) => {
        const state = index < position ? 'done' : index === position ? 'current' : 'todo';
        return (
          <View key={step.id} className={`step step--${state}`} id={`${id}-${step.id}`} data-state={state}>
            <Text className="step__dot">{state === 'done' ? '✓' : state === 'current' ? '●' : '○'}</Text>
            <Text className="step__text">{step.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
