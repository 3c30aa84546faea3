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
exports.RATE_LIMIT_PER_MINUTE = void 0;
exports.apiRoutes = apiRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../domain/errors");
const auth_1 = require("./auth");
const licences_routes_1 = require("./licences.routes");
const openapi_1 = require("./openapi");
const products_routes_1 = require("./products.routes");
const schools_routes_1 = require("./schools.routes");
var auth_2 = require("./auth");
Object.defineProperty(exports, "RATE_LIMIT_PER_MINUTE", { enumerable: true, get: function () { return auth_2.RATE_LIMIT_PER_MINUTE; } });
/**
 * The participant roster API under /api/v1: the OpenAPI document and the token endpoint are open; every
 * other route needs a bearer token. Errors go to the hub's one error handler (JSON under /api/).
 */
function apiRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/openapi.json', (_req, res) => {
        res.json(openapi_1.OPENAPI_DOCUMENT);
    });
    router.use((0, auth_1.tokenRoutes)(deps));
    router.use((0, auth_1.authenticate)(deps), express_1.default.json({ limit: '512kb', strict: true, type: 'application/json' }));
    router.use((0, schools_routes_1.schoolRoutes)(deps));
    router.use((0, licences_routes_1.licenceRoutes)(deps));
    router.use((0, products_routes_1.productRoutes)(deps));
    router.use((req, _res, next) => next(new errors_1.NotFoundError(`no such API resource: ${req.method} ${req.path}`)));
    return router;
}
//# sourceMappingURL=router.js.map