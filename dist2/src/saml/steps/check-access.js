"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkAccess = void 0;
const access_1 = require("../../domain/licensing/access");
const flow_1 = require("../flow");
const namespaces_1 = require("../xml/namespaces");
const check_replay_1 = require("./check-replay");
const signed_error_1 = require("./signed-error");
/**
 * The licence gate (domain/licensing/access.ts): the school activated the SP's participant and a valid
 * licence covers the person — for a portal launch, of the product launched. Otherwise nothing is
 * released; the SP may get a signed RequestDenied.
 */
exports.checkAccess = (0, flow_1.step)('check-access', async (ctx, s) => {
    const sp = s.sp;
    const target = s.target;
    const denied = (reason) => ({
        kind: 'access-denied',
        reason,
        target,
        errorXml: (0, signed_error_1.signedError)(ctx, target, namespaces_1.STATUS.requestDenied, { message: reason, now: s.now }),
    });
    const person = s.user ? await ctx.repos.people.findById(s.user.personId) : null;
    const school = person ? await ctx.repos.schools.findById(person.schoolId) : null;
    const participant = await ctx.repos.participants.findById(sp.participantId);
    if (!person || !school || !participant) {
        await (0, check_replay_1.rememberAuthnRequest)(ctx, s);
        return denied('unknown_user');
    }
    const access = await (0, access_1.checkParticipantAccess)(ctx.repos, person, participant.id, s.now);
    const reason = !access.allowed ? access.reason : s.productId && !access.productIds.includes(s.productId) ? 'no_licence' : null;
    if (reason) {
        await (0, check_replay_1.rememberAuthnRequest)(ctx, s);
        await ctx.repos.audit.record({
            actor: { type: 'person', id: person.id },
            action: 'saml.sso.refused',
            outcome: 'failure',
            schoolId: school.id,
            targetType: 'service_provider',
            targetId: sp.id,
            details: { reason, spEntityId: sp.entityId },
        });
        return denied(reason);
    }
    s.person = person;
    s.school = school;
    s.participant = participant;
    s.access = access;
});
//# sourceMappingURL=check-access.js.map