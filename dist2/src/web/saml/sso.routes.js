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
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.REFUSAL_TEXT = void 0;
exports.sessionView = sessionView;
exports.answerSso = answerSso;
exports.ssoRoutes = ssoRoutes;
const node_crypto_1 = __importDefault(require("node:crypto"));
const express_1 = __importStar(require("express"));
const outbound_1 = require("../../saml/bindings/outbound");
const sso_1 = require("../../saml/sso");
const pages_1 = require("../pages");
const session_1 = require("../session");
const MAX_PENDING = 10;
exports.REFUSAL_TEXT = {
    not_activated: {
        nl: 'Je school heeft het doorgeven van gegevens aan deze uitgever (nog) niet aangezet. Vraag je leerkracht of ICT-coördinator om dit in het beheerscherm te regelen.',
        en: 'Your school has not (yet) allowed data to be passed to this publisher. Ask your teacher or ICT coordinator to switch it on in the management screen.',
    },
    no_licence: {
        nl: 'Je hebt geen geldige licentie voor dit lesmateriaal. Vraag je leerkracht of je school deze licentie heeft en aan jou heeft toegewezen.',
        en: 'You have no valid licence for this learning material. Ask your teacher whether your school holds this licence and assigned it to you.',
    },
    person_inactive: {
        nl: 'Je account is niet actief. Neem contact op met je school.',
        en: 'Your account is not active. Please contact your school.',
    },
    unknown_user: {
        nl: 'Je account is niet gevonden. Neem contact op met je school.',
        en: 'Your account was not found. Please contact your school.',
    },
};
/** What the SAML flows need of the web session: who is logged in, which SessionIndex each SP has. */
function sessionView(req, res) {
    const auth = req.session.auth;
    return {
        user: auth ? { credentialId: auth.credentialId, personId: auth.personId, authnInstant: new Date(auth.authnInstant) } : null,
        sessionIndexFor: (spEntityId, nameIdFormat) => req.session.samlSessions?.find((s) => s.spEntityId === spEntityId && s.nameIdFormat === nameIdFormat)?.sessionIndex,
        requestId: String(res.locals.requestId ?? ''),
        ip: req.ip ?? null,
    };
}
/** Turns the outcome of an SSO flow (SP-initiated, resumed or launched) into the HTTP answer. */
async function answerSso(req, res, outcome) {
    switch (outcome.kind) {
        case 'refused':
            return (0, pages_1.sendMessagePage)(res, 400, {
                heading_nl: 'Inloggen via deze link lukt niet',
                heading_en: 'This login link does not work',
                text_nl: `De aanvraag van de lesmateriaal-aanbieder is geweigerd: ${outcome.error.publicMessage}. Probeer het opnieuw vanuit het lesmateriaal of via je Leerpoort-portaal.`,
                text_en: `The learning material provider's request was refused: ${outcome.error.publicMessage}. Start again from the learning material or from your Leerpoort portal.`,
                errorId: String(res.locals.requestId ?? node_crypto_1.default.randomUUID()),
            });
        case 'error-to-acs':
            return (0, pages_1.deliver)(res, (0, outbound_1.postResponse)(outcome.target.acsUrl, outcome.xml, outcome.target.relayState));
        case 'need-login': {
            const pendingId = node_crypto_1.default.randomBytes(16).toString('base64url');
            const all = { ...(req.session.pendingSso ?? {}), [pendingId]: outcome.pending };
            req.session.pendingSso = Object.fromEntries(Object.entries(all).slice(-MAX_PENDING));
            await (0, session_1.saveSession)(req);
            return res.redirect(303, `/login?return=${encodeURIComponent(`/saml/sso/resume/${pendingId}`)}`);
        }
        case 'access-denied': {
            const text = exports.REFUSAL_TEXT[outcome.reason];
            // A solicited request may be answered to the SP (RequestDenied) by the user's choice; a launch is not.
            const samlForm = outcome.target.inResponseTo
                ? {
                    action: outcome.target.acsUrl,
                    field: 'SAMLResponse',
                    value: Buffer.from(outcome.errorXml).toString('base64'),
                    relayState: outcome.target.relayState,
                    label: 'Terug naar de aanbieder / Back to the provider',
                }
                : undefined;
            return (0, pages_1.sendMessagePage)(res, 403, {
                heading_nl: 'Geen toegang tot dit lesmateriaal',
                heading_en: 'No access to this learning material',
                text_nl: text.nl,
                text_en: text.en,
                samlForm,
            });
        }
        case 'not-launchable':
            return (0, pages_1.sendMessagePage)(res, 404, {
                heading_nl: 'Dit lesmateriaal kan niet vanuit Leerpoort worden gestart',
                heading_en: 'This learning material cannot be started from Leerpoort',
                text_nl: 'Open het lesmateriaal via de app of website van de uitgever.',
                text_en: 'Open it from the publisher’s app or website.',
            });
        case 'response':
            // A new SP of this hub session is remembered for Single Logout; an unchanged session is not written.
            if (!req.session.samlSessions?.some((s) => s.spEntityId === outcome.entry.spEntityId && s.nameIdFormat === outcome.entry.nameIdFormat)) {
                req.session.samlSessions = [...(req.session.samlSessions ?? []), outcome.entry];
                await (0, session_1.saveSession)(req);
            }
            return (0, pages_1.deliver)(res, (0, outbound_1.postResponse)(outcome.target.acsUrl, outcome.xml, outcome.target.relayState));
    }
}
/**
 * SP-initiated SSO: `GET` (HTTP-Redirect) and `POST` (HTTP-POST) /saml/sso, and the resume after the
 * login UI. The flow itself is the table in saml/sso.ts; these routes only carry it over HTTP.
 */
function ssoRoutes(ctx) {
    const router = (0, express_1.Router)();
    router.get('/saml/sso', async (req, res) => {
        await answerSso(req, res, await (0, sso_1.runSso)(ctx, { binding: 'redirect', raw: req.originalUrl.split('?')[1] ?? '' }, sessionView(req, res)));
    });
    router.post('/saml/sso', express_1.default.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }), async (req, res) => {
        await answerSso(req, res, await (0, sso_1.runSso)(ctx, { binding: 'post', raw: req.body }, sessionView(req, res)));
    });
    router.get('/saml/sso/resume/:id', async (req, res) => {
        const id = String(req.params.id);
        const pending = req.session.pendingSso?.[id];
        if (!pending) {
            return (0, pages_1.sendMessagePage)(res, 400, {
                heading_nl: 'Deze inlogpoging is verlopen',
                heading_en: 'This login attempt has expired',
                text_nl: 'Start opnieuw vanuit het lesmateriaal of je Leerpoort-portaal.',
                text_en: 'Please start again from the learning material or your Leerpoort portal.',
                errorId: String(res.locals.requestId ?? ''),
            });
        }
        const outcome = await (0, sso_1.resumeSso)(ctx, pending, sessionView(req, res));
        // Not logged in (freshly enough) yet: the request keeps waiting under the same id.
        if (outcome.kind === 'need-login')
            return res.redirect(303, `/login?return=${encodeURIComponent(`/saml/sso/resume/${id}`)}`);
        const rest = { ...req.session.pendingSso };
        delete rest[id];
        req.session.pendingSso = rest;
        await answerSso(req, res, outcome);
    });
    return router;
}
//# sourceMappingURL=sso.routes.js.map