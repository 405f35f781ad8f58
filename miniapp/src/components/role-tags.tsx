import { Text, View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '@pioneer/shared';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  return (
    <View className="role-tags" id="role-tags">
      {roles.map((role) => (
        <Text key={role} className="role-tag">
          {ROLE_LABELS[role] ?? role}
        </Text>
      ))}
    </View>
  );
}
