"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.adminRoutes = adminRoutes;
const express_1 = require("express");
const agreement_routes_1 = require("./agreement.routes");
const context_1 = require("./context");
const import_routes_1 = require("./import.routes");
const ledger_audit_routes_1 = require("./ledger-audit.routes");
const licences_routes_1 = require("./licences.routes");
const people_routes_1 = require("./people.routes");
const settings_routes_1 = require("./settings.routes");
/** The school management screen (beheerscherm) under /admin: every route behind the delegate guard. */
function adminRoutes(deps) {
    const router = (0, express_1.Router)();
    router.use('/admin', (0, context_1.adminGuard)(deps));
    router.use((0, agreement_routes_1.agreementRoutes)(deps));
    router.use((0, people_routes_1.peopleRoutes)(deps));
    router.use((0, licences_routes_1.licenceRoutes)(deps));
    router.use((0, settings_routes_1.settingsRoutes)(deps));
    router.use((0, ledger_audit_routes_1.ledgerAuditRoutes)(deps));
    router.use((0, import_routes_1.importRoutes)(deps));
    return router;
}
//# sourceMappingURL=index.js.map