"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordLedger = void 0;
const flow_1 = require("../flow");
const check_replay_1 = require("./check-replay");
/**
 * The release in the ledger (categories and a count, never values), the audit event and — when not yet
 * remembered — the request's ID in the replay cache: committed together (group commit) before the
 * Response leaves. A request ID answered before means no Response at all.
 */
exports.recordLedger = (0, flow_1.step)('record-ledger', async (ctx, s) => {
    const sp = s.sp;
    const categories = s.categories;
    const replay = s.request && !s.requestRemembered ? { issuer: sp.entityId, messageId: s.request.id, expiresAt: (0, check_replay_1.replayExpiry)(s.now) } : undefined;
    const recorded = await ctx.recorder.record({
        replay,
        ledger: {
            schoolId: s.school.id,
            participantId: s.participant.id,
            serviceProviderId: sp.id,
            channel: 'sso',
            categories,
            peopleCount: 1,
        },
        audit: {
            actor: { type: 'person', id: s.person.id },
            action: 'saml.sso.success',
            outcome: 'success',
            schoolId: s.school.id,
            targetType: 'service_provider',
            targetId: sp.id,
            details: {
                spEntityId: sp.entityId,
                categories,
                inResponseTo: s.target.inResponseTo ?? null,
                encrypted: sp.encryptAssertion && sp.encryptionCertificates.length > 0,
            },
        },
    });
    if (recorded === 'replayed')
        throw (0, check_replay_1.replayError)('AuthnRequest', s.request.id);
    return { kind: 'response', target: s.target, xml: s.xml, entry: s.entry, categories };
});
//# sourceMappingURL=record-ledger.js.map