import { Text, View } from '@tarojs/components';
import { formatServiceTime, SERVICE_STATUS_LABELS, type ServiceView } from '@pioneer/shared';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../components/format';
import { StatusTag } from './status';

/** One service: what, where, with whom, when it started and ended, and the rating once confirmed. */
export function ServiceSummary({ id, service, children }: { id: string; service: ServiceView; children?: ReactNode }) {
  const other = service.role === 'member' ? `服务对象：${service.recipientLabel}` : `志愿者：${service.memberName}`;
  return (
    <View className="card" id={id}>
      <View className="vol-head">
        <Text className="subtitle">{service.title}</Text>
        <StatusTag id={`${id}-status`} status={service.status} label={SERVICE_STATUS_LABELS[service.status]} />
      </View>
      <Text className="text">{`${service.skill.label} · ${service.place}`}</Text>
      <Text className="text">{other}</Text>
      {service.startsAt ? <Text className="hint">{`约定时间：${formatDateTime(service.startsAt)}`}</Text> : null}
      {service.checkedInAt ? <Text className="hint">{`签到：${formatDateTime(service.checkedInAt)}`}</Text> : null}
      {service.checkedOutAt ? <Text className="hint">{`签退：${formatDateTime(service.checkedOutAt)}`}</Text> : null}
      {service.minutes !== null ? (
        <Text className="text" id={`${id}-minutes`}>
          {`服务时长：${formatServiceTime(service.minutes)}`}
        </Text>
      ) : null}
      {service.rating !== null ? (
        <Text className="text" id={`${id}-rating`}>
          {`评价：${'★'.repeat(service.rating)}${service.ratingComment ? ` ${service.ratingComment}` : ''}`}
        </Text>
      ) : null}
      {children}
    </View>
  );
}
