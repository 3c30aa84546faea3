"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SupportService = exports.SUPPORT_MAX_MATCHES = exports.SUPPORT_REASON = void 0;
exports.checkSupportReason = checkSupportReason;
exports.nameMatches = nameMatches;
const errors_1 = require("../errors");
const ids_1 = require("../ids");
const model_1 = require("../model");
const school_service_1 = require("./school.service");
/**
 * Helpdesk support under least privilege (data-processing agreement annex 2 I). A helpdesk operator finds
 * *one* user — by username, or by school and full name, never a list of a school's people — and sees
 * only what support needs: account state, school, groups, last login. Never birth date, LAS/ECK keys,
 * e-mail addresses or pictures. Every search, view and action needs a reason and is audited with who,
 * at what (target id) and why; the audit holds ids and the reason, never the name searched for.
 */
exports.SUPPORT_REASON = Object.freeze({ min: 10, max: 500 });
/** A name search naming more people than this is refused (search by username instead), never listed. */
exports.SUPPORT_MAX_MATCHES = 5;
/** The reason an operator gives: required, at least a sentence, at most a paragraph. */
function checkSupportReason(reason) {
    const text = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
    if (text.length < exports.SUPPORT_REASON.min)
        throw new errors_1.ValidationError(`Geef een reden van minstens ${exports.SUPPORT_REASON.min} tekens (bijv. het ticketnummer en de vraag). / ` +
            `Give a reason of at least ${exports.SUPPORT_REASON.min} characters (e.g. the ticket number and the question).`);
    if (text.length > exports.SUPPORT_REASON.max)
        throw new errors_1.ValidationError(`De reden is te lang (max. ${exports.SUPPORT_REASON.max} tekens). / The reason is too long (max. ${exports.SUPPORT_REASON.max}).`);
    return text;
}
/** Words of a name, compared without case, accents or punctuation ("Çelik-de Vries" ~ "celik de vries"). */
const words = (s) => s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
/**
 * Exact-ish: the query names the person's first and last name in full (infix optional, any order, no
 * case or accents) and nothing else. "Fenna Horst" and "fenna ter horst" find Fenna ter Horst; "Fenna"
 * or "Hor" find nobody.
 */
function nameMatches(query, person) {
    const asked = new Set(words(query));
    const required = [...words(person.firstName), ...words(person.lastName)];
    const allowed = new Set([...required, ...words(person.infix ?? '')]);
    return required.length > 0 && required.every((w) => asked.has(w)) && [...asked].every((w) => allowed.has(w));
}
const LOGIN_ACTIONS = ['login.password', 'login.two_factor', 'login.picture', 'login.card'];
class SupportService {
    repos;
    throttle;
    passwordReset;
    constructor(repos, throttle, passwordReset) {
        this.repos = repos;
        this.throttle = throttle;
        this.passwordReset = passwordReset;
    }
    /** Finds at most a handful of people; more matches are refused, not listed. Audited with the reason. */
    async find(query, reasonInput, actor) {
        const reason = checkSupportReason(reasonInput);
        let found;
        let schoolId = null;
        if ('username' in query) {
            const username = query.username.trim().toLowerCase();
            if (!username)
                throw new errors_1.ValidationError('Vul een gebruikersnaam in. / Enter a username.');
            const credential = await this.repos.credentials.findByUsername(username);
            const person = credential?.personId ? await this.repos.people.findById(credential.personId) : null;
            found = person ? [person] : [];
        }
        else {
            if (words(query.name).length < 2)
                throw new errors_1.ValidationError('Vul voor- en achternaam helemaal in. / Enter the full first and last name.');
            const school = await (0, school_service_1.findSchoolByBrin)(this.repos, query.brin).catch((e) => {
                throw e instanceof errors_1.NotFoundError ? new errors_1.NotFoundError('Onbekende school (BRIN). / Unknown school (BRIN).') : e;
            });
            schoolId = school.id;
            found = (await this.repos.people.listBySchool(school.id)).filter((p) => nameMatches(query.name, p));
            if (found.length > exports.SUPPORT_MAX_MATCHES) {
                await this.audit(actor, 'support.find', 'failure', { schoolId, targetType: 'school', targetId: school.id }, {
                    reason,
                    by: 'name',
                    matches: found.length,
                });
                throw new errors_1.ValidationError(`Meer dan ${exports.SUPPORT_MAX_MATCHES} personen met deze naam; zoek op gebruikersnaam. / ` +
                    `More than ${exports.SUPPORT_MAX_MATCHES} people with this name; search by username.`);
            }
        }
        const usernames = await this.repos.credentials.usernamesOf(found.map((p) => p.id));
        const matches = [];
        for (const p of found) {
            const school = (await this.repos.schools.findById(p.schoolId));
            matches.push({
                personId: p.id,
                name: (0, model_1.displayName)(p),
                role: p.role,
                username: usernames.get(p.id) ?? null,
                school: { brin: brinOf(school), name: school.name },
            });
        }
        await this.audit(actor, 'support.find', 'success', { schoolId, targetType: schoolId ? 'school' : 'person', targetId: schoolId ?? found[0]?.id ?? null }, { reason, by: 'username' in query ? 'username' : 'name', matches: matches.length, people: matches.map((m) => m.personId) });
        return matches;
    }
    /** What support needs of one person, audited as a view with the reason. */
    async show(personId, reasonInput, actor, now = new Date()) {
        const reason = checkSupportReason(reasonInput);
        const person = await this.person(personId);
        const view = await this.view(person, now);
        await this.audit(actor, 'support.view', 'success', target(person), { reason });
        return view;
    }
    /** Ends every session of the person's account (e.g. a lost or shared device). */
    async endSessions(personId, reasonInput, actor) {
        const reason = checkSupportReason(reasonInput);
        const { person, credential } = await this.account(personId);
        const ended = await this.repos.sessions.destroyAllFor(credential.id);
        await this.audit(actor, 'support.sessions_end', 'success', target(person), { reason, sessionsEnded: ended });
        return ended;
    }
    /** Lifts the login throttle of the account (every client, second factor); address-wide limits stay. */
    async unlock(personId, reasonInput, actor) {
        const reason = checkSupportReason(reasonInput);
        const { person, credential } = await this.account(personId);
        const cleared = await this.throttle.unlockAccount([credential.username, `pupil:${person.id}`], credential.id);
        await this.audit(actor, 'support.unlock', 'success', target(person), { reason, countersCleared: cleared });
        return cleared;
    }
    /** Mails a staff member the one-time password link to their own work address (the operator never sees it). */
    async sendResetLink(personId, reasonInput, actor) {
        const reason = checkSupportReason(reasonInput);
        const { person, credential } = await this.account(personId);
        if (person.role === 'pupil' || !person.staffEmail || person.status !== 'active')
            throw new errors_1.ValidationError('Alleen voor actieve medewerkers met een e-mailadres; leerlingen krijgen een nieuw wachtwoord van hun school. / ' +
                'Only for active staff with an e-mail address; pupils get a new password from their school.');
        await this.audit(actor, 'support.reset_link', 'success', target(person), { reason });
        await this.passwordReset.request(credential.username, actor);
    }
    async person(personId) {
        const person = (0, ids_1.isUuid)(personId) ? await this.repos.people.findById(personId) : null;
        if (!person)
            throw new errors_1.NotFoundError('Onbekende persoon. / Unknown person.');
        return person;
    }
    async account(personId) {
        const person = await this.person(personId);
        const credential = await this.repos.credentials.findByPersonId(person.id);
        if (!credential)
            throw new errors_1.ValidationError('Deze persoon heeft geen account. / This person has no account.');
        return { person, credential };
    }
    async view(person, now) {
        const school = (await this.repos.schools.findById(person.schoolId));
        const groups = [];
        for (const m of await this.repos.groups.membershipsOf(person.id)) {
            const g = await this.repos.groups.findById(m.groupId);
            if (g)
                groups.push(g.name);
        }
        const credential = await this.repos.credentials.findByPersonId(person.id);
        let account = null;
        if (credential) {
            const throttle = await this.throttle.accountState([credential.username, `pupil:${person.id}`], credential.id, now);
            let lastLogin = null;
            for (const action of LOGIN_ACTIONS) {
                const [last] = (await this.repos.audit.list({ actorId: person.id, action, limit: 10 })).filter((e) => e.outcome === 'success');
                if (last && (!lastLogin || last.occurredAt > lastLogin.at))
                    lastLogin = { at: last.occurredAt, method: action.slice('login.'.length) };
            }
            account = {
                username: credential.username,
                hasPassword: credential.hasPassword,
                picturePassword: (await this.repos.credentials.pictureLogin(person.id)) !== null,
                twoFactor: (await this.repos.credentials.twoFactorState(credential.id)).enabled,
                activeSessions: (await this.repos.sessions.listFor(credential.id, now)).length,
                throttledUntil: throttle.blockedUntil,
                failedAttempts: throttle.failedAttempts,
                lastLogin,
            };
        }
        return {
            personId: person.id,
            name: (0, model_1.displayName)(person),
            role: person.role,
            active: person.status === 'active',
            school: { brin: brinOf(school), name: school.name, status: school.status },
            groups,
            account,
        };
    }
    audit(actor, action, outcome, about, details) {
        return this.repos.audit.record({ actor, action, outcome, ...about, details });
    }
}
exports.SupportService = SupportService;
const brinOf = (s) => s.brin + (s.dependanceCode === '00' ? '' : s.dependanceCode);
const target = (p) => ({ schoolId: p.schoolId, targetType: 'person', targetId: p.id });
//# sourceMappingURL=support.service.js.map