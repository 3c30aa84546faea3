"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const federation_1 = require("../support/federation");
const chromium_1 = require("../support/chromium");
const browser_pages_1 = require("../support/browser-pages");
const hub_1 = require("../support/hub");
const qr_card_1 = require("../support/qr-card");
/**
 * Picture login, QR login cards, home access and parents — in Debian's Chromium against a real hub
 * over HTTP and PostgreSQL. The hub trusts a loopback proxy (TRUST_PROXY=loopback), so a test can
 * come "from outside" by sending X-Forwarded-For, as the school's reverse proxy would.
 */
describe('young pupils and parents in a real browser (Debian Chromium): pictures, QR cards, home access', function () {
    let t;
    let browser;
    let school;
    const pool = new browser_pages_1.PagePool(() => browser);
    let fennaPictures = [];
    let daan = { personId: '', pictures: [] };
    const OUTSIDE = '203.0.113.9';
    before(async function () {
        browser = await (0, chromium_1.launchChromium)(this);
        t = await (0, hub_1.startTestHub)(this, 'young_pupils', { TRUST_PROXY: 'loopback' });
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '21BB', participant: 'Uitgeverij P' });
        const s = t.hub.services;
        const schoolRow = (await t.hub.db.repositories.schools.findByBrin('21BB'))[0];
        const g6 = (await t.hub.db.repositories.groups.findByLasKey(schoolRow.id, 'G6'));
        const created = await s.accounts.createPersonWithAccount({ schoolId: schoolRow.id, role: 'pupil', lasKey: 'L2', firstName: 'Daan', lastName: 'Horst' }, 'daan.21bb', 'bal-wolk-5', federation_1.ACTOR);
        await t.hub.db.repositories.groups.addMember({ groupId: g6.id, personId: created.person.id, roleInGroup: 'member' });
        fennaPictures = (await s.pupilLogin.resetPicturePassword(school.pupil.personId, federation_1.ACTOR)).sequence;
        daan = { personId: created.person.id, pictures: (await s.pupilLogin.resetPicturePassword(created.person.id, federation_1.ACTOR)).sequence };
    });
    afterEach(async function () {
        await pool.afterEach(this);
    });
    after(async () => {
        await browser?.close();
        await t?.stop();
    });
    const newPage = (from) => pool.newPage({ forwardedFor: from });
    const clickPictures = async (page, pictures) => {
        for (const p of pictures)
            await page.locator(`button[data-picture="${p}"]`).click();
    };
    const throttleRows = async () => Number((await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM login_throttle'))[0].n);
    const wrongPictures = (right) => right.map((p) => (p === 'zon' ? 'maan' : 'zon'));
    async function pictureLoginSteps(page) {
        await page.goto(`${t.baseUrl}/login/pictures`);
        await page.getByLabel(/Naam of BRIN-nummer/).fill('School 21');
        await page.getByRole('button', { name: /Zoeken/ }).click();
        await page.locator('#schools a', { hasText: 'School 21BB' }).click();
        await page.locator('#groups a', { hasText: 'Groep 6' }).click();
        await page.locator('#pupils a', { hasText: 'Fenna' }).click();
    }
    it('picture login: school → group → own picture → picture password → the portal; the device remembers the school', async () => {
        const page = await newPage();
        await pictureLoginSteps(page);
        (0, chai_1.expect)(await page.locator('h1').textContent()).to.contain('Hoi Fenna');
        await clickPictures(page, fennaPictures);
        await page.waitForURL(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(await page.locator('#tiles').textContent()).to.contain('Uitgeverij P Rekenen');
        await page.goto(`${t.baseUrl}/login/pictures`);
        (0, chai_1.expect)(await page.locator('h1').textContent(), 'straight to the groups of the remembered school').to.contain('In welke groep zit je?');
        const audit = await t.hub.db.repositories.audit.list({ action: 'login.picture' });
        (0, chai_1.expect)(audit.some((e) => e.outcome === 'success' && e.actor.id === school.pupil.personId && e.actor.ip === '127.0.0.1')).to.equal(true);
    });
    it('the login pages for pupils, cards and parents pass axe-core’s WCAG 2.1 A/AA rules', async () => {
        const page = await newPage();
        const schoolId = (await t.hub.db.repositories.schools.findByBrin('21BB'))[0].id;
        const g6 = (await t.hub.db.repositories.groups.findByLasKey(schoolId, 'G6')).id;
        const problems = [];
        for (const path of [
            '/login',
            '/login/pictures?change=1&q=School',
            `/login/pictures/${schoolId}`,
            `/login/pictures/${schoolId}/groups/${g6}`,
            `/login/pictures/${schoolId}/pupils/${school.pupil.personId}`,
            '/login/card',
            '/login/parents',
            '/login/parents/password',
            '/login/reset',
        ]) {
            await page.goto(`${t.baseUrl}${path}`);
            problems.push(...(await (0, browser_pages_1.wcagViolations)(page)).violations.map((v) => `${path}: ${v}`));
        }
        (0, chai_1.expect)(problems).to.deep.equal([]);
    });
    it('a picture sequence of the wrong length, wrong pictures and an unknown school get clear, friendly pages; the wrong length changes nothing', async () => {
        const page = await newPage('198.51.100.20');
        await t.hub.services.schools.setNetworks('21BB', ['127.0.0.0/8', '::1/128', '198.51.100.0/24'], federation_1.ACTOR);
        await pictureLoginSteps(page);
        const before = await throttleRows();
        await clickPictures(page, fennaPictures.slice(0, 2));
        await page.getByRole('button', { name: /Klaar/ }).click();
        (0, chai_1.expect)(await page.locator('[role=alert]').textContent()).to.contain('Kies precies 4 plaatjes (je koos er 2)');
        (0, chai_1.expect)(await throttleRows(), 'not counted as a guess').to.equal(before);
        await clickPictures(page, wrongPictures(fennaPictures));
        await page.waitForLoadState();
        (0, chai_1.expect)(await page.locator('[role=alert]').textContent()).to.contain('niet de goede plaatjes');
        const token = (await page.locator('input[name=_csrf]').getAttribute('value'));
        const garbage = await page.request.post(`${page.url().replace(/pupils\/.*$/, 'pupils/')}not-a-uuid`, {
            form: { _csrf: token, sequence: fennaPictures.join(',') },
        });
        (0, chai_1.expect)(garbage.status(), 'a malformed pupil id is simply unknown').to.equal(404);
        const unknown = await page.goto(`${t.baseUrl}/login/pictures/00000000-0000-4000-8000-000000000000`);
        (0, chai_1.expect)(unknown.status()).to.equal(404);
        (0, chai_1.expect)(await page.locator('h1').textContent()).to.contain('School niet gevonden');
        await page.goto(`${t.baseUrl}/login/pictures?change=1&q=Nergensschool`);
        (0, chai_1.expect)(await page.locator('[role=alert]').textContent()).to.contain('Geen school gevonden');
    });
    it('guessing pictures: after 5 wrong tries the next one waits (429, doubling back-off) — the pupil’s own device still gets in', async () => {
        await t.hub.services.schools.setNetworks('21BB', ['127.0.0.0/8', '::1/128', '198.51.100.0/24'], federation_1.ACTOR);
        const daanPage = `${t.baseUrl}/login/pictures/${(await t.hub.db.repositories.schools.findByBrin('21BB'))[0].id}/pupils/${daan.personId}`;
        const own = await newPage('198.51.100.30');
        await own.goto(daanPage);
        await clickPictures(own, daan.pictures);
        await own.waitForURL(`${t.baseUrl}/portal`); // this browser is now a known device for Daan
        const guesser = await newPage('198.51.100.31');
        await guesser.goto(daanPage);
        for (let i = 0; i < 5; i++) {
            await clickPictures(guesser, wrongPictures(daan.pictures));
            await guesser.waitForLoadState();
            (0, chai_1.expect)(await guesser.locator('[role=alert]').textContent(), `try ${i + 1}`).to.contain('niet de goede plaatjes');
        }
        await guesser.goto(daanPage);
        await clickPictures(guesser, daan.pictures); // even the right pictures wait now
        await guesser.waitForLoadState();
        (0, chai_1.expect)(await guesser.locator('h1').textContent()).to.contain('Even wachten');
        (0, chai_1.expect)(await guesser.locator('main').textContent()).to.match(/over (29|30) seconden/);
        // Time passes (the block ends): one more wrong try doubles the wait.
        await t.hub.db.dataSource.query("UPDATE login_throttle SET blocked_until = now() - interval '1 second'");
        await guesser.goto(daanPage);
        await clickPictures(guesser, wrongPictures(daan.pictures));
        await guesser.waitForLoadState();
        await guesser.goto(daanPage);
        await clickPictures(guesser, daan.pictures);
        await guesser.waitForLoadState();
        (0, chai_1.expect)(await guesser.locator('main').textContent()).to.match(/over (59|60) seconden/);
        // Daan himself, on his own device, is not held back by the guesser.
        await own.goto(daanPage);
        await clickPictures(own, daan.pictures);
        await own.waitForURL(`${t.baseUrl}/portal`);
    });
    let firstCardToken = '';
    it('a teacher prints a QR login card; the card’s code logs the pupil in through the camera page (Chromium fake camera)', async function () {
        const teacher = await newPage();
        await (0, browser_pages_1.passwordLogin)(teacher, t.baseUrl, school.teacher.username, school.teacher.password);
        await teacher.getByRole('link', { name: /Mijn groep/ }).click();
        const row = teacher.locator(`tr[data-pupil="${school.pupil.personId}"]`);
        await row.getByRole('button', { name: /Inlogkaart maken/ }).click();
        (0, chai_1.expect)(await teacher.locator('#login-card').textContent())
            .to.contain('Fenna')
            .and.contain('School 21BB');
        const qr = (await teacher.locator('#login-card img[alt^="QR"]').getAttribute('src'));
        firstCardToken = (0, qr_card_1.decodeQrDataUrl)(qr);
        (0, chai_1.expect)(firstCardToken, 'the printed QR code holds a signed card token').to.match(/^LP1\./);
        const withCamera = await (0, chromium_1.launchChromium)(this, [
            '--use-fake-device-for-media-stream',
            '--use-fake-ui-for-media-stream',
            `--use-file-for-fake-video-capture=${(0, qr_card_1.qrCardVideo)(firstCardToken)}`,
        ]);
        try {
            const context = await withCamera.newContext({ permissions: ['camera'] });
            const page = await context.newPage();
            pool.pages.push(page);
            await page.goto(`${t.baseUrl}/login/card`);
            await page.waitForURL(`${t.baseUrl}/portal`, { timeout: 20_000 });
            (0, chai_1.expect)(await page.locator('h1 + p').textContent()).to.contain('Fenna');
        }
        finally {
            await withCamera.close();
        }
        const audit = await t.hub.db.repositories.audit.list({ action: 'login.card' });
        (0, chai_1.expect)(audit.filter((e) => e.outcome === 'success')).to.have.length(1);
        (0, chai_1.expect)(JSON.stringify(audit)).not.to.contain(firstCardToken.split('.')[2]);
    });
    it('a reprinted card replaces the old one; a revoked or expired card gets a friendly page and logs nobody in', async () => {
        const teacher = await newPage();
        await (0, browser_pages_1.passwordLogin)(teacher, t.baseUrl, school.teacher.username, school.teacher.password);
        await teacher.goto(`${t.baseUrl}/class`);
        await teacher
            .locator(`tr[data-pupil="${school.pupil.personId}"]`)
            .getByRole('button', { name: /Kaart opnieuw printen/ })
            .click();
        (0, chai_1.expect)(await teacher.locator('[role=status]').textContent()).to.contain('De vorige kaart werkt niet meer');
        const secondToken = (0, qr_card_1.decodeQrDataUrl)((await teacher.locator('#login-card img[alt^="QR"]').getAttribute('src')));
        const pupil = await newPage();
        const tryCard = async (token) => {
            await pupil.goto(`${t.baseUrl}/login/card`);
            await pupil.getByLabel(/typ de code/).fill(token);
            await pupil.getByRole('button', { name: /Inloggen/ }).click();
            await pupil.waitForLoadState();
        };
        await tryCard(firstCardToken);
        (0, chai_1.expect)(await pupil.locator('h1').textContent()).to.contain('Deze inlogkaart werkt niet meer');
        await tryCard(secondToken);
        (0, chai_1.expect)(pupil.url()).to.equal(`${t.baseUrl}/portal`);
        await t.hub.db.dataSource.query("UPDATE login_cards SET issued_at = now() - interval '2 years', expires_at = now() - interval '1 day' WHERE revoked_at IS NULL");
        const other = await newPage();
        await other.goto(`${t.baseUrl}/login/card`);
        await other.getByLabel(/typ de code/).fill(secondToken);
        await other.getByRole('button', { name: /Inloggen/ }).click();
        (0, chai_1.expect)(await other.locator('h1').textContent()).to.contain('Deze inlogkaart is verlopen');
        await other.goto(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(other.url(), 'not logged in').to.contain('/login');
        await teacher.goto(`${t.baseUrl}/class`);
        await teacher
            .locator(`tr[data-pupil="${school.pupil.personId}"]`)
            .getByRole('button', { name: /Inlogkaart maken/ })
            .click();
        const third = (0, qr_card_1.decodeQrDataUrl)((await teacher.locator('#login-card img[alt^="QR"]').getAttribute('src')));
        await teacher.goto(`${t.baseUrl}/class`);
        await teacher
            .locator(`tr[data-pupil="${school.pupil.personId}"]`)
            .getByRole('button', { name: /Kaart intrekken/ })
            .click();
        (0, chai_1.expect)(await teacher.locator('[role=status]').textContent()).to.contain('ingetrokken');
        const thirdPupil = await newPage();
        await thirdPupil.goto(`${t.baseUrl}/login/card`);
        await thirdPupil.getByLabel(/typ de code/).fill(third);
        await thirdPupil.getByRole('button', { name: /Inloggen/ }).click();
        (0, chai_1.expect)(await thirdPupil.locator('h1').textContent()).to.contain('Deze inlogkaart werkt niet meer');
        await thirdPupil.goto(`${t.baseUrl}/login/card`);
        await thirdPupil.getByLabel(/typ de code/).fill(`${third.slice(0, -2)}xx`);
        await thirdPupil.getByRole('button', { name: /Inloggen/ }).click();
        (0, chai_1.expect)(await thirdPupil.locator('h1').textContent()).to.contain('Deze kaart kennen we niet');
    });
    it('a teacher gives a pupil a new password (shown once); the old one stops working and the pupil’s sessions end', async () => {
        const pupil = await newPage();
        await (0, browser_pages_1.passwordLogin)(pupil, t.baseUrl, 'daan.21bb', 'bal-wolk-5');
        (0, chai_1.expect)(pupil.url()).to.equal(`${t.baseUrl}/portal`);
        const teacher = await newPage();
        await (0, browser_pages_1.passwordLogin)(teacher, t.baseUrl, school.teacher.username, school.teacher.password);
        await teacher.goto(`${t.baseUrl}/class`);
        await teacher
            .locator(`tr[data-pupil="${daan.personId}"]`)
            .getByRole('button', { name: /Nieuw wachtwoord/ })
            .click();
        (0, chai_1.expect)(await teacher.locator('#username').textContent()).to.equal('daan.21bb');
        const password = (await teacher.locator('#password').textContent());
        (0, chai_1.expect)(password).to.match(/^[a-z]+-[a-z]+-\d{2}$/);
        await pupil.goto(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(pupil.url(), 'the old session ended').to.contain('/login');
        await pupil.getByLabel(/Gebruikersnaam/).fill('daan.21bb');
        await pupil.getByLabel(/Wachtwoord/).fill('bal-wolk-5');
        await pupil.getByRole('button', { name: /Inloggen/ }).click();
        (0, chai_1.expect)(await pupil.locator('[role=alert]').textContent()).to.contain('onjuist');
        await pupil.getByLabel(/Wachtwoord/).fill(password);
        await pupil.getByRole('button', { name: /Inloggen/ }).click();
        (0, chai_1.expect)(pupil.url()).to.equal(`${t.baseUrl}/portal`);
        // A teacher of another school, with a valid form token, cannot reach this pupil; nothing changes.
        const other = await (0, federation_1.seedSchool)(t.hub, { brin: '22CC', participant: 'Uitgeverij P' });
        const stranger = await newPage();
        await (0, browser_pages_1.passwordLogin)(stranger, t.baseUrl, other.teacher.username, other.teacher.password);
        await stranger.goto(`${t.baseUrl}/class`);
        (0, chai_1.expect)(await stranger.content()).not.to.contain('Daan');
        const csrf = (await stranger.locator('input[name=_csrf]').first().getAttribute('value'));
        const hash = async () => (await t.hub.db.dataSource.query('SELECT password_hash, picture_password_hash FROM credentials WHERE person_id = $1', [
            daan.personId,
        ]))[0];
        const before = await hash();
        const cardsBefore = await t.hub.db.repositories.loginCards.listFor(daan.personId);
        for (const action of ['password', 'pictures', 'card', 'cards/revoke']) {
            const r = await stranger.request.post(`${t.baseUrl}/class/pupils/${daan.personId}/${action}`, { form: { _csrf: csrf } });
            (0, chai_1.expect)(r.status(), action).to.equal(404);
        }
        (0, chai_1.expect)(await hash()).to.deep.equal(before);
        (0, chai_1.expect)(await t.hub.db.repositories.loginCards.listFor(daan.personId)).to.deep.equal(cardsBefore);
        await pupil.goto(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(pupil.url(), 'Daan is still logged in').to.equal(`${t.baseUrl}/portal`);
    });
    it('home access: from outside the school network a pupil is refused (pictures and password); after the school turns home access on it works', async () => {
        await t.hub.services.schools.setNetworks('21BB', ['127.0.0.0/8', '::1/128'], federation_1.ACTOR);
        const schoolId = (await t.hub.db.repositories.schools.findByBrin('21BB'))[0].id;
        const home = await newPage(OUTSIDE);
        const refused = await home.goto(`${t.baseUrl}/login/pictures/${schoolId}`);
        (0, chai_1.expect)(refused.status()).to.equal(403);
        (0, chai_1.expect)(await home.locator('h1').textContent()).to.contain('Inloggen kan alleen op school');
        (0, chai_1.expect)(await home.content(), 'no names of the group are shown outside').not.to.contain('Fenna');
        await (0, browser_pages_1.passwordLogin)(home, t.baseUrl, school.pupil.username, school.pupil.password);
        (0, chai_1.expect)(await home.locator('h1').textContent()).to.contain('Inloggen kan alleen op school');
        const audit = await t.hub.db.repositories.audit.list({ action: 'login.password' });
        (0, chai_1.expect)(audit.some((e) => e.outcome === 'failure' && e.details?.reason === 'outside_school_network' && e.actor.ip === OUTSIDE)).to.equal(true);
        await t.hub.services.schools.setHomeAccess('21BB', true, federation_1.ACTOR);
        await home.goto(`${t.baseUrl}/login/pictures/${schoolId}`);
        await home.locator('#groups a', { hasText: 'Groep 6' }).click();
        await home.locator('#pupils a', { hasText: 'Fenna' }).click();
        await clickPictures(home, fennaPictures);
        await home.waitForURL(`${t.baseUrl}/portal`);
    });
    it('a parent sets a password by mailed link, chooses between two children, enters the child’s pictures; removing the address ends it at once', async () => {
        await t.hub.services.schools.setHomeAccess('21BB', true, federation_1.ACTOR);
        await t.hub.services.accounts.changeHomeAccessEmail(school.pupil.username, { add: 'ouder.horst@example.nl' }, federation_1.ACTOR);
        await t.hub.services.accounts.changeHomeAccessEmail('daan.21bb', { add: 'ouder.horst@example.nl' }, federation_1.ACTOR);
        const parent = await newPage(OUTSIDE);
        await parent.goto(`${t.baseUrl}/login/parents`);
        await parent.getByRole('link', { name: /Nog geen wachtwoord/ }).click();
        await parent.getByLabel(/E-mailadres/).fill('Ouder.Horst@example.nl');
        await parent.getByRole('button', { name: /Link versturen/ }).click();
        (0, chai_1.expect)(await parent.locator('[role=status]').textContent()).to.contain('Als dit e-mailadres bij een leerling hoort');
        await t.server.background.drain(); // the link is mailed after the answer
        const mail = (await t.hub.db.repositories.outbox.list()).find((m) => m.to === 'ouder.horst@example.nl');
        const link = /http\S+\/login\/parents\/password\/\S+/.exec(mail.body)[0];
        await parent.goto(link);
        await parent.getByLabel('Nieuw wachtwoord').fill('password1');
        await parent.getByLabel(/Herhaal/).fill('password1');
        await parent.getByRole('button', { name: /Opslaan/ }).click();
        (0, chai_1.expect)(await parent.locator('[role=alert]').textContent()).to.contain('most common passwords');
        await parent.getByLabel('Nieuw wachtwoord').fill('Fietsbel-Regen-42');
        await parent.getByLabel(/Herhaal/).fill('Fietsbel-Regen-42');
        await parent.getByRole('button', { name: /Opslaan/ }).click();
        (0, chai_1.expect)(await parent.locator('[role=status]').textContent()).to.contain('Uw wachtwoord is ingesteld');
        await parent.goto(link);
        (0, chai_1.expect)(await parent.locator('h1').textContent(), 'the link works once').to.contain('Deze link werkt niet meer');
        await parent.goto(`${t.baseUrl}/login/parents`);
        await parent.getByLabel(/E-mailadres/).fill('ouder.horst@example.nl');
        await parent.getByLabel(/Wachtwoord/).fill('Fietsbel-Regen-42');
        await parent.getByRole('button', { name: /Inloggen/ }).click();
        const children = await parent.locator('#children a').allTextContents();
        (0, chai_1.expect)(children.map((c) => c.replace(/School.*/, '').trim())).to.deep.equal(['Daan', 'Fenna']);
        await parent.locator('#children a', { hasText: 'Daan' }).click();
        await clickPictures(parent, daan.pictures);
        await parent.waitForURL(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(await parent.locator('h1 + p').textContent()).to.contain('Daan');
        await t.hub.services.accounts.changeHomeAccessEmail('daan.21bb', { remove: 'ouder.horst@example.nl' }, federation_1.ACTOR);
        await parent.goto(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(parent.url(), 'access ended on the very next request').to.contain('/login');
        (0, chai_1.expect)(await parent.locator('[role=alert]').textContent()).to.contain('Thuistoegang met dit e-mailadres is beëindigd');
        await parent.goto(`${t.baseUrl}/login/parents`);
        await parent.getByLabel(/E-mailadres/).fill('ouder.horst@example.nl');
        await parent.getByLabel(/Wachtwoord/).fill('Fietsbel-Regen-42');
        await parent.getByRole('button', { name: /Inloggen/ }).click();
        (0, chai_1.expect)((await parent.locator('#children a').allTextContents()).map((c) => c.replace(/School.*/, '').trim())).to.deep.equal(['Fenna']);
        const forbidden = await parent.goto(`${t.baseUrl}/login/parents/children/${daan.personId}`);
        (0, chai_1.expect)(forbidden.status()).to.equal(404);
    });
    it('an operator logs in with password and mandatory TOTP enrolment and reaches the operator console', async () => {
        await t.hub.services.accounts.createOperator({ displayName: 'Hanna Helpdesk', email: 'hanna@leerpoort.example', roles: ['helpdesk'] }, 'hanna.ops', 'Console-Lamp-Vijver-8', federation_1.ACTOR);
        const page = await newPage();
        await (0, browser_pages_1.passwordLogin)(page, t.baseUrl, 'hanna.ops', 'Console-Lamp-Vijver-8');
        (0, chai_1.expect)(page.url()).to.contain('/login/2fa/setup');
        await (0, browser_pages_1.enrolTotp)(page);
        await page.getByRole('link', { name: /Verder/ }).click();
        (0, chai_1.expect)(page.url()).to.equal(`${t.baseUrl}/ops`);
        (0, chai_1.expect)(await page.locator('#roles').textContent()).to.equal('helpdesk');
        (0, chai_1.expect)(await page.locator('#schools').textContent()).to.contain('School 21BB');
        const portal = await page.goto(`${t.baseUrl}/portal`);
        (0, chai_1.expect)(portal.url(), 'an operator is not a person of a school: no portal').to.contain('/login');
    });
});
//# sourceMappingURL=young-pupils-browser.test.js.map