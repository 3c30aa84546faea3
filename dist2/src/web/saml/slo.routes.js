"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.sloRoutes = sloRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const inbound_1 = require("../../saml/bindings/inbound");
const slo_1 = require("../../saml/slo");
const namespaces_1 = require("../../saml/xml/namespaces");
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../pages");
const session_1 = require("../session");
const UNKNOWN_PRINCIPAL = 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal';
/**
 * Single Logout. An SP's LogoutRequest (Redirect or POST) that names this session's NameID and
 * SessionIndex for that SP ends the hub session at once and is propagated (front channel, one SP after
 * the other) to the session's other SPs; then the initiator gets a signed LogoutResponse. POST /logout
 * starts the same from the hub. A request naming anyone else logs out nobody. The checks and messages
 * are saml/slo.ts; the logout's progress lives in the session.
 */
function sloRoutes(ctx) {
    const router = (0, express_1.Router)();
    const loggedOutPage = (res, partial) => (0, pages_1.sendMessagePage)(res, 200, {
        heading_nl: 'Je bent uitgelogd',
        heading_en: 'You are logged out',
        text_nl: partial
            ? 'Je bent uitgelogd bij Leerpoort. Niet elk lesmateriaal bevestigde het uitloggen: sluit je browser om zeker te zijn.'
            : 'Je bent uitgelogd bij Leerpoort en bij je lesmateriaal.',
        text_en: partial
            ? 'You are logged out of Leerpoort. Not every learning application confirmed the logout: close your browser to be sure.'
            : 'You are logged out of Leerpoort and your learning materials.',
    });
    const refusePage = async (req, res, e) => {
        await ctx.repos.audit.record({
            actor: { type: 'sp', id: 'unknown', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
            action: 'saml.logout.refused',
            outcome: 'failure',
            details: { reason: e.publicMessage },
        });
        (0, pages_1.sendMessagePage)(res, 400, {
            heading_nl: 'Uitloggen via deze link lukt niet',
            heading_en: 'This logout link does not work',
            text_nl: `Het bericht is geweigerd: ${e.publicMessage}.`,
            text_en: `The message was refused: ${e.publicMessage}.`,
            errorId: String(res.locals.requestId ?? ''),
        });
    };
    /** Sends the next propagated LogoutRequest, or finishes with the initiator's LogoutResponse. */
    const continueLogout = async (req, res) => {
        const progress = req.session.logout;
        if (!progress)
            return loggedOutPage(res, false);
        for (let entry = progress.remaining.shift(); entry; entry = progress.remaining.shift()) {
            const sp = await ctx.repos.serviceProviders.findByEntityId(entry.spEntityId);
            const next = sp ? (0, slo_1.logoutRequestTo)(ctx, sp, entry) : null;
            if (!sp || !next)
                continue;
            progress.pendingRequestId = next.id;
            progress.pendingSp = sp.entityId;
            await (0, session_1.saveSession)(req);
            return (0, pages_1.deliver)(res, next.delivery);
        }
        const { initiator, partial = false } = progress;
        await new Promise((resolve) => req.session.destroy(() => resolve()));
        const sp = initiator ? await ctx.repos.serviceProviders.findByEntityId(initiator.spEntityId) : null;
        const answer = sp && initiator
            ? (0, slo_1.logoutResponseTo)(ctx, sp, initiator.requestId, namespaces_1.STATUS.success, partial ? namespaces_1.STATUS.partialLogout : undefined, initiator.relayState)
            : null;
        return answer ? (0, pages_1.deliver)(res, answer) : loggedOutPage(res, partial);
    };
    const handleRequest = async (req, res, message) => {
        const { sp, request } = await (0, slo_1.checkLogoutRequest)(ctx, message, new Date());
        const sessions = req.session.samlSessions ?? [];
        const mine = sessions.find((s) => s.spEntityId === sp.entityId &&
            s.nameId === request.nameId &&
            (request.sessionIndexes.length === 0 || request.sessionIndexes.includes(s.sessionIndex)));
        const auth = req.session.auth;
        if (!mine || !auth) {
            await ctx.repos.audit.record({
                actor: { type: 'sp', id: sp.entityId, ip: req.ip ?? null },
                action: 'saml.logout',
                outcome: 'failure',
                targetType: 'service_provider',
                targetId: sp.id,
                details: { reason: 'no matching session' },
            });
            const answer = (0, slo_1.logoutResponseTo)(ctx, sp, request.id, namespaces_1.STATUS.requester, UNKNOWN_PRINCIPAL, message.relayState);
            return answer ? (0, pages_1.deliver)(res, answer) : loggedOutPage(res, true);
        }
        await ctx.repos.audit.record({
            actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
            action: 'saml.logout',
            outcome: 'success',
            targetType: 'service_provider',
            targetId: sp.id,
            details: { initiator: sp.entityId },
        });
        // The hub session ends now; what is left is only the list of SPs still to be told.
        req.session.logout = {
            initiator: {
                spEntityId: sp.entityId,
                requestId: request.id,
                ...(message.relayState !== undefined ? { relayState: message.relayState } : {}),
                binding: message.binding,
            },
            remaining: sessions.filter((s) => s !== mine),
        };
        delete req.session.auth;
        delete req.session.samlSessions;
        delete req.session.pendingSso;
        await continueLogout(req, res);
    };
    const handleResponse = async (req, res, message) => {
        const progress = req.session.logout;
        const { response } = await (0, slo_1.checkLogoutResponse)(ctx, message, new Date());
        if (!progress || response.issuer !== progress.pendingSp || response.inResponseTo !== progress.pendingRequestId) {
            throw new errors_1.SamlRequestError('LogoutResponse does not answer a logout this session started');
        }
        if (response.status !== namespaces_1.STATUS.success)
            progress.partial = true;
        delete progress.pendingRequestId;
        delete progress.pendingSp;
        await continueLogout(req, res);
    };
    const handle = (binding) => async (req, res) => {
        try {
            const kinds = ['SAMLRequest', 'SAMLResponse'];
            const message = binding === 'redirect' ? await (0, inbound_1.decodeRedirect)(req.originalUrl.split('?')[1] ?? '', kinds) : (0, inbound_1.decodePost)(req.body, kinds);
            if (message.kind === 'SAMLRequest')
                await handleRequest(req, res, message);
            else
                await handleResponse(req, res, message);
        }
        catch (e) {
            if (e instanceof errors_1.SamlRequestError)
                return refusePage(req, res, e);
            throw e;
        }
    };
    router.get('/saml/slo', handle('redirect'));
    router.post('/saml/slo', express_1.default.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }), handle('post'));
    /** IdP-initiated logout from the hub's own pages. */
    router.post('/logout', express_1.default.urlencoded({ extended: false, limit: '4kb' }), csrf_1.requireCsrf, async (req, res) => {
        const auth = req.session.auth;
        if (auth)
            await ctx.repos.audit.record({
                actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
                action: 'logout',
                outcome: 'success',
            });
        req.session.logout = { initiator: null, remaining: [...(req.session.samlSessions ?? [])] };
        delete req.session.auth;
        delete req.session.samlSessions;
        delete req.session.pendingSso;
        await continueLogout(req, res);
    });
    return router;
}
//# sourceMappingURL=slo.routes.js.map