"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.usernameBase = usernameBase;
exports.initialPassword = initialPassword;
const node_crypto_1 = __importDefault(require("node:crypto"));
/** Readable usernames and first passwords for accounts the import creates. */
const WORDS = [
    'appel',
    'beer',
    'boom',
    'bloem',
    'boot',
    'duin',
    'eend',
    'fiets',
    'gras',
    'hond',
    'jas',
    'kaas',
    'kat',
    'koe',
    'lamp',
    'maan',
    'muis',
    'noot',
    'peer',
    'pen',
    'raam',
    'roos',
    'schip',
    'ster',
    'tak',
    'uil',
    'vis',
    'vos',
    'wolk',
    'zon',
    'zee',
    'zwaan',
];
const word = () => WORDS[node_crypto_1.default.randomInt(WORDS.length)];
function ascii(s) {
    return s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
}
/** Base of a username: first name and the first letter of the last name ("fenna.h"). */
function usernameBase(firstName, lastName, lasKey) {
    const first = ascii(firstName).slice(0, 20) || 'leerling';
    const last = ascii(lastName).slice(0, 1);
    const base = last ? `${first}.${last}` : first;
    return base.length >= 3 ? base : `${base}${ascii(lasKey)}`.padEnd(3, '0');
}
/** Pupils: two words and two digits (e.g. "maan-vis-42"), easy to type; staff: longer, to be changed at first login. */
function initialPassword(role) {
    if (role === 'pupil')
        return `${word()}-${word()}-${node_crypto_1.default.randomInt(10, 100)}`;
    return `${word()}-${word()}-${word()}-${node_crypto_1.default.randomInt(1000, 10000)}`;
}
//# sourceMappingURL=credentials.js.map