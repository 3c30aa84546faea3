"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=ports.js.map