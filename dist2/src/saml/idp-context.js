"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=idp-context.js.map