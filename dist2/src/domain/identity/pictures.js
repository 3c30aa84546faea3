"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.pictureSecret = exports.avatarById = exports.PICTURE_PASSWORD_LENGTH = exports.AVATARS = exports.PASSWORD_PICTURES = void 0;
exports.parsePictureSequence = parsePictureSequence;
exports.randomPictureSequence = randomPictureSequence;
exports.chooseAvatar = chooseAvatar;
const node_crypto_1 = __importDefault(require("node:crypto"));
const errors_1 = require("../errors");
const pictures = (rows) => Object.freeze(rows.map(([id, emoji, en]) => Object.freeze({ id, emoji, nl: id, en })));
exports.PASSWORD_PICTURES = pictures([
    ['zon', '☀️', 'sun'],
    ['maan', '🌙', 'moon'],
    ['ster', '⭐', 'star'],
    ['boom', '🌳', 'tree'],
    ['bloem', '🌷', 'flower'],
    ['huis', '🏠', 'house'],
    ['auto', '🚗', 'car'],
    ['bal', '⚽', 'ball'],
    ['appel', '🍎', 'apple'],
    ['fiets', '🚲', 'bicycle'],
    ['boot', '⛵', 'boat'],
    ['wolk', '☁️', 'cloud'],
]);
exports.AVATARS = pictures([
    ['kat', '🐱', 'cat'],
    ['hond', '🐶', 'dog'],
    ['konijn', '🐰', 'rabbit'],
    ['uil', '🦉', 'owl'],
    ['vos', '🦊', 'fox'],
    ['beer', '🐻', 'bear'],
    ['egel', '🦔', 'hedgehog'],
    ['eend', '🦆', 'duck'],
    ['vis', '🐟', 'fish'],
    ['schildpad', '🐢', 'turtle'],
    ['paard', '🐴', 'horse'],
    ['muis', '🐭', 'mouse'],
    ['leeuw', '🦁', 'lion'],
    ['kikker', '🐸', 'frog'],
    ['olifant', '🐘', 'elephant'],
    ['giraf', '🦒', 'giraffe'],
    ['aap', '🐵', 'monkey'],
    ['pinguin', '🐧', 'penguin'],
    ['vlinder', '🦋', 'butterfly'],
    ['slak', '🐌', 'snail'],
    ['bij', '🐝', 'bee'],
    ['koe', '🐮', 'cow'],
    ['varken', '🐷', 'pig'],
    ['schaap', '🐑', 'sheep'],
    ['kip', '🐔', 'chicken'],
    ['tijger', '🐯', 'tiger'],
    ['panda', '🐼', 'panda'],
    ['koala', '🐨', 'koala'],
    ['octopus', '🐙', 'octopus'],
    ['walvis', '🐳', 'whale'],
    ['dino', '🦕', 'dinosaur'],
    ['eenhoorn', '🦄', 'unicorn'],
]);
exports.PICTURE_PASSWORD_LENGTH = 4;
const passwordIds = new Set(exports.PASSWORD_PICTURES.map((p) => p.id));
const avatarById = (id) => exports.AVATARS.find((a) => a.id === id);
exports.avatarById = avatarById;
/** Parses a submitted sequence ("zon,boom,vis,ster"); wrong length or unknown pictures → ValidationError. */
function parsePictureSequence(input) {
    const ids = input
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (ids.length !== exports.PICTURE_PASSWORD_LENGTH) {
        throw new errors_1.ValidationError(`Kies precies ${exports.PICTURE_PASSWORD_LENGTH} plaatjes (je koos er ${ids.length}). / Choose exactly ${exports.PICTURE_PASSWORD_LENGTH} pictures (you chose ${ids.length}).`);
    }
    if (!ids.every((id) => passwordIds.has(id)))
        throw new errors_1.ValidationError('Onbekend plaatje. / Unknown picture.');
    return ids;
}
/** The string that is hashed: fixed separator, fixed vocabulary. */
const pictureSecret = (ids) => `pictures:${ids.join('-')}`;
exports.pictureSecret = pictureSecret;
function randomPictureSequence() {
    return Array.from({ length: exports.PICTURE_PASSWORD_LENGTH }, () => exports.PASSWORD_PICTURES[node_crypto_1.default.randomInt(exports.PASSWORD_PICTURES.length)].id);
}
/** A picture nobody else in the group has yet, when one is left; else any. */
function chooseAvatar(takenInGroup) {
    const free = exports.AVATARS.filter((a) => !takenInGroup.has(a.id));
    const from = free.length ? free : exports.AVATARS;
    return from[node_crypto_1.default.randomInt(from.length)].id;
}
//# sourceMappingURL=pictures.js.map