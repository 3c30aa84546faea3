"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loginCardGroups = loginCardGroups;
/**
 * New accounts as the login cards show them: one stack per group (the first group a person is in, else
 * 'Zonder groep'), groups by name, people by display name — for the HTML and the PDF cards alike.
 */
function loginCardGroups(accounts) {
    const byGroup = new Map();
    for (const a of accounts) {
        const group = a.groupNames[0] ?? 'Zonder groep';
        byGroup.set(group, [...(byGroup.get(group) ?? []), a]);
    }
    return [...byGroup]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, members]) => ({ name, accounts: members.sort((x, y) => x.displayName.localeCompare(y.displayName)) }));
}
//# sourceMappingURL=login-card-groups.js.map