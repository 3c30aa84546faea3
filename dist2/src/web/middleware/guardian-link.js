"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.guardianLink = guardianLink;
const session_1 = require("../session");
/**
 * A session a parent opened for their child lasts only while the school still lists that parent's address
 * for the child: removing the address ends the access on the next request, not at the next login.
 */
function guardianLink(repos) {
    return async (req, _res, next) => {
        const auth = req.session?.auth;
        if (!auth?.guardianKey)
            return next();
        if (!(await repos.guardians.childrenOf(auth.guardianKey)).includes(auth.personId)) {
            await repos.audit.record({
                actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
                action: 'session.ended',
                outcome: 'success',
                details: { reason: 'home-access address removed' },
            });
            (0, session_1.endLogin)(req, 'Thuistoegang met dit e-mailadres is beëindigd. / Home access with this e-mail address has ended.');
        }
        next();
    };
}
//# sourceMappingURL=guardian-link.js.map