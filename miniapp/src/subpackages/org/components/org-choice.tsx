import { Text, View } from '@tarojs/components';
import type { OrgChoice } from '../../../components/org-choice';

export { useOrgChoice, type OrgChoice } from '../../../components/org-choice';

/** Chips to switch between the caller's orgs; nothing when there is only one (the ledger screens show their own loading). */
export function OrgTabs({ id, choice }: { id: string; choice: OrgChoice }) {
  if (choice.orgs.status !== 'ready' || choice.orgs.data.length < 2) return null;
  return (
    <View className="chips" id={id}>
      {choice.orgs.data.map((org) => (
        <View
          key={org.id}
          id={`${id}-${org.id}`}
          className={`chip${org.id === choice.current?.id ? ' chip--selected' : ''}`}
          onClick={() => choice.choose(org.id)}
        >
          <Text>{org.name}</Text>
        </View>
      ))}
    </View>
  );
}
