"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.productRoutes = productRoutes;
const express_1 = require("express");
const auth_1 = require("./auth");
const validation_1 = require("./validation");
/** The participant's own products (portal tiles); icons are fetched by the hub when given. */
function productRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/products', async (_req, res) => {
        res.json({ products: await deps.repos.products.listByParticipant((0, auth_1.callerOf)(res).participant.id) });
    });
    router.post('/products', async (req, res) => {
        const { participant, clientId } = (0, auth_1.callerOf)(res);
        const product = await deps.participants.addProductFor(participant, (0, validation_1.parse)(validation_1.productBody, req.body, 'body'), { type: 'sp', id: clientId });
        res.status(201).json({ product });
    });
    router.patch('/products/:productId', async (req, res) => {
        const { participant, clientId } = (0, auth_1.callerOf)(res);
        res.json({
            product: await deps.participants.updateProduct(participant, String(req.params.productId), (0, validation_1.parse)(validation_1.productBody.partial(), req.body, 'body'), { type: 'sp', id: clientId }),
        });
    });
    return router;
}
//# sourceMappingURL=products.routes.js.map