"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.decodeQrDataUrl = decodeQrDataUrl;
exports.qrCardVideo = qrCardVideo;
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const jsqr_1 = __importDefault(require("jsqr"));
const pngjs_1 = require("pngjs");
const qrcode_1 = __importDefault(require("qrcode"));
/** Reads the QR code in a PNG data URL (the printed card) back to its text, as a camera would. */
function decodeQrDataUrl(dataUrl) {
    const png = pngjs_1.PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
    return (0, jsqr_1.default)(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
/**
 * A Y4M video (what Chromium's fake camera plays) showing the QR code of `text` — a card held in front
 * of the camera. Grey-scale: the Y plane carries the picture, U and V stay neutral.
 */
function qrCardVideo(text, width = 320, height = 240) {
    const qr = qrcode_1.default.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const scale = Math.floor((Math.min(width, height) - 20) / (n + 8));
    const size = (n + 8) * scale;
    const left = Math.floor((width - size) / 2) + 4 * scale;
    const top = Math.floor((height - size) / 2) + 4 * scale;
    const y = Buffer.alloc(width * height, 235);
    for (let row = 0; row < n; row++)
        for (let col = 0; col < n; col++) {
            if (!qr.modules.get(row, col))
                continue;
            for (let dy = 0; dy < scale; dy++)
                y.fill(16, (top + row * scale + dy) * width + left + col * scale, (top + row * scale + dy) * width + left + (col + 1) * scale);
        }
    const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
    const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
    const file = node_path_1.default.join(node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-card-video-')), 'card.y4m');
    node_fs_1.default.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
    return file;
}
//# sourceMappingURL=qr-card.js.map