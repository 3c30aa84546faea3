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
exports.cardLoginRoutes = cardLoginRoutes;
const express_1 = __importStar(require("express"));
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../pages");
const views_1 = require("../views");
const picture_routes_1 = require("./picture.routes");
const AGAIN = { href: '/login/card', label: 'Probeer opnieuw / Try again' };
/**
 * QR login cards: the camera page reads the card (jsQR in the browser, no upload of camera images) and
 * posts the token it holds; the same form takes a typed token (a card reader that types, or no camera).
 */
function cardLoginRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/login/card', (req, res) => {
        res.type('html').send((0, views_1.render)('card-login.njk', { title: 'Inloggen met je inlogkaart', csrf: (0, csrf_1.csrfToken)(req) }));
    });
    router.post('/login/card', express_1.default.urlencoded({ extended: false, limit: '2kb' }), csrf_1.requireCsrf, async (req, res) => {
        const token = String(req.body.token ?? '').slice(0, 200);
        const result = await deps.pupilLogin.cardLogin(token, {
            actor: { type: 'anonymous', id: 'card-login', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
            knownDevice: null,
        });
        await (0, picture_routes_1.finishPupilLogin)(req, res, result, 'card', () => {
            const reason = result.ok ? 'invalid' : result.reason;
            if (reason === 'revoked')
                return (0, pages_1.sendMessagePage)(res, 403, {
                    heading_nl: 'Deze inlogkaart werkt niet meer',
                    heading_en: 'This login card no longer works',
                    text_nl: 'Je juf of meester heeft deze kaart ingetrokken. Vraag om een nieuwe kaart.',
                    text_en: 'Your teacher withdrew this card. Ask for a new one.',
                    link: AGAIN,
                });
            if (reason === 'expired')
                return (0, pages_1.sendMessagePage)(res, 403, {
                    heading_nl: 'Deze inlogkaart is verlopen',
                    heading_en: 'This login card has expired',
                    text_nl: 'De kaart is te oud. Vraag je juf of meester om een nieuwe kaart.',
                    text_en: 'The card is too old. Ask your teacher for a new one.',
                    link: AGAIN,
                });
            return (0, pages_1.sendMessagePage)(res, 401, {
                heading_nl: 'Deze kaart kennen we niet',
                heading_en: 'We do not know this card',
                text_nl: 'De code op de kaart klopt niet. Houd de kaart recht voor de camera of vraag je juf of meester om hulp.',
                text_en: 'The code on the card is not valid. Hold the card straight in front of the camera or ask your teacher.',
                link: AGAIN,
            });
        });
    });
    return router;
}
//# sourceMappingURL=card.routes.js.map