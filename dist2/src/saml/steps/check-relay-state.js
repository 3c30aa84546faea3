"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkRelayStateStep = void 0;
const inbound_1 = require("../bindings/inbound");
const flow_1 = require("../flow");
exports.checkRelayStateStep = (0, flow_1.step)('check-relay-state', (_ctx, s) => (0, inbound_1.checkRelayState)(s.message.relayState));
//# sourceMappingURL=check-relay-state.js.map