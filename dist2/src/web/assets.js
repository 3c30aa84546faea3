"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.assetRoutes = assetRoutes;
const node_path_1 = __importDefault(require("node:path"));
const express_1 = require("express");
const pictures_1 = require("../domain/identity/pictures");
/**
 * The few scripts the login pages use, served from our own origin (CSP script-src 'self'). A fixed list:
 * nothing else on disk is reachable. jsQR comes from its npm package, unmodified.
 */
const ASSETS_DIR = node_path_1.default.resolve(__dirname, '../../../src/web/assets');
const FILES = {
    'leerpoort.css': node_path_1.default.join(ASSETS_DIR, 'leerpoort.css'),
    'picture-login.js': node_path_1.default.join(ASSETS_DIR, 'picture-login.js'),
    'card-scan.js': node_path_1.default.join(ASSETS_DIR, 'card-scan.js'),
    'jsQR.js': require.resolve('jsqr/dist/jsQR.js'),
};
/**
 * Picture-login pictures: Twemoji SVGs (graphics CC-BY 4.0, © Twitter/X and contributors; see README),
 * so a pupil sees the same picture on every device — emoji fonts differ or are missing.
 */
const PICTURE_FILES = new Map([...pictures_1.PASSWORD_PICTURES, ...pictures_1.AVATARS].map((p) => [
    p.id,
    node_path_1.default.join(node_path_1.default.dirname(require.resolve('@twemoji/svg/package.json')), `${[...p.emoji]
        .map((c) => c.codePointAt(0).toString(16))
        .filter((c) => c !== 'fe0f')
        .join('-')}.svg`),
]));
function assetRoutes() {
    const router = (0, express_1.Router)();
    router.get('/assets/pictures/:file', (req, res, next) => {
        const file = /^([a-z]+)\.svg$/.exec(req.params.file)?.[1];
        const svg = file ? PICTURE_FILES.get(file) : undefined;
        if (!svg)
            return next();
        res.setHeader('Cache-Control', 'public, max-age=86400');
        res.type('image/svg+xml').sendFile(svg);
    });
    router.get('/assets/:file', (req, res, next) => {
        const file = FILES[req.params.file];
        if (!file)
            return next();
        res.setHeader('Cache-Control', 'public, max-age=3600');
        res.type(file.endsWith('.css') ? 'text/css' : 'application/javascript').sendFile(file);
    });
    return router;
}
//# sourceMappingURL=assets.js.map