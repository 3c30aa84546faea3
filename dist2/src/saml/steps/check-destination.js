"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkAuthnRequestDestination = void 0;
exports.checkDestination = checkDestination;
const errors_1 = require("../../domain/errors");
const flow_1 = require("../flow");
function checkDestination(destination, expected, what) {
    if (destination === null)
        throw new errors_1.SamlRequestError(`${what} has no Destination`);
    if (destination !== expected)
        throw new errors_1.SamlRequestError(`${what} Destination '${destination}' is not this endpoint (${expected})`);
}
exports.checkAuthnRequestDestination = (0, flow_1.step)('check-destination', (ctx, s) => checkDestination(s.request.destination, ctx.ssoUrl, 'AuthnRequest'));
//# sourceMappingURL=check-destination.js.map