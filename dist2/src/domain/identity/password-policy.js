"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.COMMON_PASSWORD_COUNT = void 0;
exports.checkPasswordPolicy = checkPasswordPolicy;
const language_common_1 = require("@zxcvbn-ts/language-common");
const errors_1 = require("../errors");
/**
 * Minimum password rules. Staff, operators and parents need ≥ 8 characters and nothing from the list of
 * common/breached passwords; pupils' passwords are chosen by their teachers and may be short, but not trivial.
 *
 * The list: zxcvbn-ts's "passwords-common" (~49,000 passwords most often found in breach corpora) plus a
 * few Dutch and school-specific ones that list lacks.
 */
const DUTCH_AND_SCHOOL = [
    '123456',
    '123456789',
    '12345678',
    'password',
    'qwerty123',
    'qwerty',
    '1234567890',
    '111111',
    '1234567',
    'wachtwoord',
    'wachtwoord1',
    'welkom',
    'welkom01',
    'welkom123',
    'password1',
    'password123',
    'abc123',
    'iloveyou',
    'admin',
    'admin123',
    'letmein',
    'monkey',
    'dragon',
    'football',
    'voetbal',
    'azerty',
    'leerpoort',
    'school',
    'school123',
    'juf12345',
    'meester1',
    'zomer2024',
    'zomer2025',
    'zomer2026',
    'welkom2024',
    'welkom2025',
    'welkom2026',
    'feyenoord',
    'ajax1900',
    'qwertyuiop',
    '00000000',
    '88888888',
    'leerpoort1',
    'leerpoort123',
    'basisschool',
    'juf123456',
    'meester123',
    'groep8groep8',
];
const COMMON_PASSWORDS = new Set([...language_common_1.dictionary['passwords-common'], ...DUTCH_AND_SCHOOL].map((p) => p.toLowerCase()));
/** How many passwords the check knows (for the README and tests). */
exports.COMMON_PASSWORD_COUNT = COMMON_PASSWORDS.size;
function checkPasswordPolicy(owner, password) {
    if (password !== password.trim())
        throw new errors_1.ValidationError('password must not start or end with spaces');
    if (password.length > 256)
        throw new errors_1.ValidationError('password is too long (at most 256 characters)');
    if (owner === 'pupil') {
        if (password.length < 4)
            throw new errors_1.ValidationError('pupil passwords need at least 4 characters');
    }
    else if (password.length < 8) {
        throw new errors_1.ValidationError('staff passwords need at least 8 characters');
    }
    if (COMMON_PASSWORDS.has(password.toLowerCase())) {
        throw new errors_1.ValidationError('this password is on the list of most common passwords; choose another');
    }
}
//# sourceMappingURL=password-policy.js.map