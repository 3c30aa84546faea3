"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.delegateAddresses = delegateAddresses;
/**
 * The addresses the hub writes to when it tells a school something (the agreement, maintenance): the work
 * e-mail of every active delegate (ICT coordinator) of each school `include` accepts. One home, so every
 * notice reaches the same people.
 */
async function delegateAddresses(repos, include) {
    const addresses = [];
    for (const school of await repos.schools.list()) {
        if (!include(school))
            continue;
        for (const p of await repos.people.listBySchool(school.id))
            if (p.role === 'delegate' && p.status === 'active' && p.staffEmail)
                addresses.push(p.staffEmail);
    }
    return addresses;
}
//# sourceMappingURL=delegates.js.map