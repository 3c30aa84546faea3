"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.views = void 0;
exports.render = render;
const node_path_1 = __importDefault(require("node:path"));
const nunjucks_1 = __importDefault(require("nunjucks"));
/**
 * Server-rendered pages (nunjucks, autoescape on: every interpolation is HTML-escaped). Templates live
 * in src/web/views and are read from there at run time (tsc does not copy them).
 */
const VIEWS_DIR = node_path_1.default.resolve(__dirname, '../../../src/web/views');
exports.views = new nunjucks_1.default.Environment(new nunjucks_1.default.FileSystemLoader(VIEWS_DIR, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
});
function render(name, context) {
    return exports.views.render(name, context);
}
//# sourceMappingURL=views.js.map