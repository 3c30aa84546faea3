"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=sso-state.js.map