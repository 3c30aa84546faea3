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
exports.publisherRoutes = publisherRoutes;
const express_1 = __importDefault(require("express"));
const samlify = __importStar(require("samlify"));
const pages_1 = require("./pages");
const saml_1 = require("./saml");
const sessions_1 = require("./sessions");
const TEN_MINUTES = 10 * 60_000;
/**
 * The publisher's pages and SAML endpoints. State lives in memory: sessions (8 hours), the IDs of
 * AuthnRequests and LogoutRequests it sent (10 minutes, each answered once).
 */
function publisherRoutes(deps) {
    const { saml, hub, baseUrl } = deps;
    const sessions = new sessions_1.BoundedStore(8 * 3600_000);
    const pendingLogins = new sessions_1.BoundedStore(TEN_MINUTES);
    const pendingLogouts = new sessions_1.BoundedStore(TEN_MINUTES);
    const router = express_1.default.Router();
    const form = express_1.default.urlencoded({ extended: false, limit: '256kb' });
    const hubOrigin = new URL(hub.metadataUrl).origin;
    router.use((_req, res, next) => {
        // Forms post to the publisher, which redirects to the hub: both must be allowed destinations.
        res.setHeader('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${hubOrigin}; frame-ancestors 'none'; base-uri 'none'`);
        // Not 'no-referrer': with it the browser sends `Origin: null` on the publisher's own forms.
        res.setHeader('Referrer-Policy', 'same-origin');
        next();
    });
    const sidOf = (req) => (0, sessions_1.cookieValue)(req.headers.cookie, sessions_1.COOKIE);
    const sessionOf = (req) => {
        const sid = sidOf(req);
        return sid ? sessions.get(sid) : undefined;
    };
    const page = (res, status, html) => res.status(status).type('html').send(html);
    // A button of this site, not a form on another one (the cookie is SameSite=Lax as well).
    const fromHere = (req) => !req.headers.origin || req.headers.origin === new URL(baseUrl).origin;
    router.get('/', (req, res) => page(res, 200, (0, pages_1.homePage)(sessionOf(req))));
    router.get('/saml/metadata', (_req, res) => {
        res.type('application/samlmetadata+xml').send(saml.metadataXml);
    });
    router.post('/login', async (req, res) => {
        if (!fromHere(req))
            return page(res, 403, (0, pages_1.messagePage)('Niet toegestaan / Not allowed', 'Dit formulier hoort bij een andere site.'));
        const idp = await hub.identityProvider();
        const { id, context } = saml.sp.createLoginRequest(idp, 'redirect');
        pendingLogins.set(id, true);
        deps.log('demo publisher: AuthnRequest sent', { id });
        res.redirect(303, context);
    });
    router.post('/saml/acs', form, async (req, res) => {
        const idp = await hub.identityProvider();
        let result;
        let samlContent = '';
        try {
            ({ extract: result, samlContent } = await saml.sp.parseLoginResponse(idp, 'post', { body: req.body }));
        }
        catch (e) {
            return refusedLogin(res, e);
        }
        // samlify checked the signature (hub's certificate from its metadata), issuer and validity times;
        // what it leaves to the application: that this answers a request we sent, once, and is for us.
        const response = (result.response ?? {});
        const inResponseTo = response.inResponseTo;
        if (!inResponseTo || !pendingLogins.take(inResponseTo))
            return refusedLogin(res, new Error('unsolicited or replayed Response (InResponseTo unknown)'));
        const audiences = [].concat(result.audience ?? []);
        if (!audiences.includes(saml.entityId))
            return refusedLogin(res, new Error('the assertion is not addressed to this publisher (Audience)'));
        if (response.destination !== `${baseUrl}/saml/acs`)
            return refusedLogin(res, new Error('wrong Destination'));
        const format = samlify.Extractor.extract(samlContent, [
            { key: 'format', localPath: ['Response', 'Assertion', 'Subject', 'NameID'], attributes: ['Format'] },
        ]).format;
        const sessionIndex = (result.sessionIndex ?? {});
        const attributes = Object.entries((result.attributes ?? {})).map(([name, v]) => ({
            name,
            values: [].concat(v),
        }));
        const session = {
            nameId: String(result.nameID ?? ''),
            nameIdFormat: typeof format === 'string' ? format : saml_1.PERSISTENT,
            sessionIndex: sessionIndex.sessionIndex ?? '',
            attributes,
            issuer: String(result.issuer ?? ''),
            loggedInAt: new Date(),
        };
        const sid = (0, sessions_1.newId)();
        sessions.set(sid, session);
        deps.log('demo publisher: login', { attributes: attributes.map((a) => a.name) });
        res.cookie(sessions_1.COOKIE, sid, { httpOnly: true, sameSite: 'lax', path: '/' });
        res.redirect(303, '/ingelogd');
    });
    router.get('/ingelogd', (req, res) => {
        const s = sessionOf(req);
        if (!s)
            return res.redirect(303, '/');
        page(res, 200, (0, pages_1.loggedInPage)(s));
    });
    router.post('/logout', async (req, res) => {
        if (!fromHere(req))
            return page(res, 403, (0, pages_1.messagePage)('Niet toegestaan / Not allowed', 'Dit formulier hoort bij een andere site.'));
        const sid = sidOf(req);
        const s = sid ? sessions.get(sid) : undefined;
        if (!sid || !s)
            return res.redirect(303, '/');
        const idp = await hub.identityProvider();
        const { id, context } = saml.sp.createLogoutRequest(idp, 'redirect', { logoutNameID: s.nameId, sessionIndex: s.sessionIndex });
        pendingLogouts.set(id, sid);
        res.redirect(303, context);
    });
    // The hub answers our LogoutRequest here, and sends its own when the person logs out elsewhere.
    router.get('/saml/slo', async (req, res) => {
        const idp = await hub.identityProvider();
        const query = req.query;
        if (typeof query.SAMLResponse === 'string') {
            try {
                const { extract } = await saml.sp.parseLogoutResponse(idp, 'redirect', { query, octetString: octetString(req, 'SAMLResponse') });
                const inResponseTo = (extract.response ?? {}).inResponseTo;
                const sid = inResponseTo ? pendingLogouts.take(inResponseTo) : undefined;
                if (!sid)
                    throw new Error('LogoutResponse to no LogoutRequest of ours');
                sessions.delete(sid);
                res.clearCookie(sessions_1.COOKIE, { path: '/' });
                return page(res, 200, (0, pages_1.messagePage)('Je bent uitgelogd', 'Je bent uitgelogd bij Rekenrijk en bij Leerpoort. / You are logged out of Rekenrijk and Leerpoort.'));
            }
            catch (e) {
                return refused(res, 'Uitloggen niet bevestigd / Logout not confirmed', e);
            }
        }
        if (typeof query.SAMLRequest === 'string') {
            try {
                const parsed = await saml.sp.parseLogoutRequest(idp, 'redirect', { query, octetString: octetString(req, 'SAMLRequest') });
                const nameId = String(parsed.extract.nameID ?? '');
                const index = parsed.extract.sessionIndex;
                const ended = sessions.deleteWhere((s) => s.nameId === nameId && (!index || index === s.sessionIndex));
                deps.log('demo publisher: logout requested by Leerpoort', { ended });
                const relayState = typeof query.RelayState === 'string' ? query.RelayState : undefined;
                const { context } = saml.sp.createLogoutResponse(idp, { extract: parsed.extract }, 'redirect', relayState ? { relayState } : {});
                return res.redirect(303, context);
            }
            catch (e) {
                return refused(res, 'Uitlogverzoek geweigerd / Logout request refused', e);
            }
        }
        page(res, 400, (0, pages_1.messagePage)('Onbekend bericht / Unknown message', 'Geen SAMLRequest of SAMLResponse.'));
    });
    const refused = (res, heading, e) => {
        const reason = e instanceof Error ? e.message : String(e);
        if (/VERIFY|SIGNATURE/i.test(reason))
            hub.forget();
        deps.log('demo publisher: message refused', { reason });
        page(res, 400, (0, pages_1.messagePage)(heading, reason));
    };
    const refusedLogin = (res, e) => {
        const reason = e instanceof Error ? e.message : String(e);
        const status = /top tier code: \S+?:(\w+), second tier code: \S*?:?(\w*)$/.exec(reason);
        if (status)
            return page(res, 403, (0, pages_1.messagePage)('Leerpoort gaf geen toegang / Leerpoort refused the login', `Status ${status[1]}${status[2] ? ` / ${status[2]}` : ''}: er kwamen geen gegevens mee. / No data came with it.`));
        refused(res, 'Inloggen geweigerd / Login refused', e);
    };
    return router;
}
/**
 * The signed part of a Redirect-binding message, byte for byte as it arrived (SAML bindings §3.4.4.1):
 * the encoded values are taken from the raw query string, never re-encoded.
 */
function octetString(req, type) {
    const query = req.originalUrl.split('?')[1] ?? '';
    const parts = new Map(query.split('&').map((p) => {
        const eq = p.indexOf('=');
        return [eq < 0 ? p : p.slice(0, eq), eq < 0 ? '' : p.slice(eq + 1)];
    }));
    return [type, 'RelayState', 'SigAlg']
        .filter((k) => parts.has(k))
        .map((k) => `${k}=${parts.get(k)}`)
        .join('&');
}
//# sourceMappingURL=routes.js.map