"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Browser = exports.StepFailure = void 0;
exports.login = login;
exports.viewPortal = viewPortal;
exports.openPublisher = openPublisher;
exports.runJourney = runJourney;
const browser_1 = require("../bench/browser");
const saml_sp_1 = require("../bench/saml-sp");
const http_client_1 = require("./http-client");
class StepFailure extends Error {
}
exports.StepFailure = StepFailure;
/** A fresh browser: its own cookies, leaving from its school's address. */
class Browser {
    ctx;
    address;
    cookie = '';
    constructor(ctx, address) {
        this.ctx = ctx;
        this.address = address;
    }
    async request(step, method, path, form) {
        if (performance.now() > this.ctx.deadline)
            throw new StepFailure(`${step}: not sent, run past its time limit`);
        let answer;
        try {
            answer = await (0, http_client_1.send)(this.ctx.base, method, path, { cookie: this.cookie, form, localAddress: this.address });
        }
        catch (e) {
            throw new StepFailure(`${step}: ${e instanceof http_client_1.HttpError ? e.kind : String(e)}`);
        }
        this.cookie = (0, browser_1.cookieOf)(answer.setCookie, this.cookie);
        this.ctx.recorder.step(step, answer.ms);
        return answer;
    }
    /** A page with a form: 200 and its CSRF token. */
    async form(step, path) {
        const a = await this.request(step, 'GET', path);
        if (a.status !== 200)
            throw new StepFailure(`${step}: HTTP ${a.status}`);
        const csrf = (0, browser_1.csrfOf)(a.body);
        if (!csrf)
            throw new StepFailure(`${step}: page without a CSRF token`);
        return csrf;
    }
    /** A form post answered with a redirect to `to`. */
    async post(step, path, form, to) {
        const a = await this.request(step, 'POST', path, form);
        if (a.status !== 303)
            throw new StepFailure(`${step}: HTTP ${a.status}`);
        if (a.location !== to)
            throw new StepFailure(`${step}: redirected to ${a.location?.replace(/[0-9a-f-]{36}/g, '…')}`);
    }
}
exports.Browser = Browser;
/** A fresh login by the user's own method, ending on the portal's address. */
async function login(b, u) {
    switch (u.method) {
        case 'password':
        case 'totp': {
            const csrf = await b.form('login.form', '/login');
            const form = { _csrf: csrf, username: u.username, password: u.password, return: '/portal' };
            if (u.method === 'password')
                return b.post('login.post', '/login', form, '/portal');
            await b.post('login.post', '/login', form, '/login/2fa');
            const csrf2 = await b.form('totp.form', '/login/2fa');
            return b.post('totp.post', '/login/2fa', { _csrf: csrf2, code: u.totp.generate() }, '/portal');
        }
        case 'picture': {
            const group = await b.request('picture.group', 'GET', `/login/pictures/${u.schoolId}/groups/${u.groupId}`);
            if (group.status !== 200)
                throw new StepFailure(`picture.group: HTTP ${group.status}`);
            const page = `/login/pictures/${u.schoolId}/pupils/${u.personId}`;
            const csrf = await b.form('picture.form', page);
            return b.post('picture.post', page, { _csrf: csrf, sequence: u.sequence }, '/portal');
        }
        case 'card': {
            const csrf = await b.form('card.form', '/login/card');
            return b.post('card.post', '/login/card', { _csrf: csrf, token: u.cardToken }, '/portal');
        }
    }
}
async function viewPortal(b) {
    const a = await b.request('portal', 'GET', '/portal');
    if (a.status !== 200)
        throw new StepFailure(`portal: HTTP ${a.status}`);
}
/** SP-initiated SSO to publisher `p`: a fresh signed AuthnRequest, answered with a SAMLResponse form. */
async function openPublisher(b, ctx, p) {
    const { sp, key } = ctx.sps[p];
    const a = await b.request('sso', 'GET', (0, saml_sp_1.authnRequestPath)(sp, `${ctx.base.origin}/saml/sso`, key));
    if (a.status !== 200)
        throw new StepFailure(`sso: HTTP ${a.status}`);
    if (!a.body.includes('name="SAMLResponse"'))
        throw new StepFailure('sso: 200 without a SAMLResponse');
}
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
async function runJourney(plan, ctx) {
    const b = new Browser(ctx, (0, http_client_1.schoolAddress)(plan.user.school));
    const think = plan.thinkMs[Symbol.iterator]();
    try {
        await login(b, plan.user);
        ctx.recorder.completed('login');
        await viewPortal(b);
        for (const p of plan.publishers) {
            await pause(think.next().value ?? 0);
            await openPublisher(b, ctx, p);
            ctx.recorder.completed('sso');
            await pause(think.next().value ?? 0);
            await viewPortal(b);
        }
    }
    catch (e) {
        ctx.recorder.totals.failedJourneys++;
        ctx.recorder.error(e instanceof StepFailure ? e.message : `unexpected: ${String(e)}`);
    }
    finally {
        ctx.recorder.totals.journeys++;
    }
}
//# sourceMappingURL=journey.js.map