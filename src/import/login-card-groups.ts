import type { NewAccount } from '../domain/roster/import.service';

export interface LoginCardGroup {
  readonly name: string;
  readonly accounts: readonly NewAccount[];
}

/**
 * New accounts as the login cards show them: one stack per group (the first group a person is in, else
 * 'Zonder groep'), groups by name, people by display name — for the HTML and the PDF cards alike.
 */
export function loginCardGroups(accounts: readonly NewAccount[]): LoginCardGroup[] {
  const byGroup = new Map<string, NewAccount[]>();
  for (const a of accounts) {
    const group = a.groupNames[0] ?? 'Zonder groep';
    byGroup.set(group, [...(byGroup.get(group) ?? []), a]);
  }
  return [...byGroup]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, members]) => ({ name, accounts: members.sort((x, y) => x.displayName.localeCompare(y.displayName)) }));
}
