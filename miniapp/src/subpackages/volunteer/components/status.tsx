import { Text, View } from '@tarojs/components';
import type { SkillRef } from '@pioneer/shared';

/** A state in words, coloured by what it asks of the reader (green done, amber waiting). */
export function StatusTag({ id, status, label }: { id?: string; status: string; label: string }) {
  return (
    <Text id={id} className={`vol-status vol-status--${status}`}>
      {label}
    </Text>
  );
}

export function SkillTags({ skills, extra }: { skills: SkillRef[]; extra?: string | null }) {
  return (
    <View className="tags">
      {skills.map((skill) => (
        <Text key={skill.code} className="tag">
          {skill.label}
        </Text>
      ))}
      {extra ? <Text className="tag tag--plain">{extra}</Text> : null}
    </View>
  );
}
