"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO = void 0;
exports.seedDemo = seedDemo;
exports.formatDemoSummary = formatDemoSummary;
const errors_1 = require("../domain/errors");
const pictures_1 = require("../domain/identity/pictures");
const onboard_publisher_1 = require("./onboard-publisher");
/**
 * The demo school: idempotent, so `npm start` can run it at every start. Passwords are fixed and
 * printed on purpose (development only; refused in production).
 */
exports.DEMO = Object.freeze({
    brin: '99ZZ',
    schoolName: 'Demoschool De Leerpoort',
    group: { lasKey: 'G5', name: 'Groep 5', yearGroup: 5 },
    participant: 'Demo Uitgeverij',
    product: 'Rekenrijk Demo',
    users: [
        {
            role: 'pupil',
            username: 'demo.leerling1',
            password: 'zon-maan-7',
            firstName: 'Sanne',
            infix: 'de',
            lastName: 'Vries',
            lasKey: 'LL001',
            eckId: 'https://ketenid.nl/201703/demo-ll001',
            birthDate: '2017-03-14',
            gender: 'V',
        },
        {
            role: 'pupil',
            username: 'demo.leerling2',
            password: 'boom-vis-3',
            firstName: 'Daan',
            infix: null,
            lastName: 'Bakker',
            lasKey: 'LL002',
            eckId: 'https://ketenid.nl/201703/demo-ll002',
            birthDate: '2016-11-02',
            gender: 'M',
        },
        {
            role: 'teacher',
            username: 'demo.leerkracht',
            password: 'Krijtbord-Tulp-58',
            firstName: 'Anouk',
            infix: 'van',
            lastName: 'Dijk',
            lasKey: 'LK001',
            eckId: 'https://ketenid.nl/201703/demo-lk001',
            birthDate: null,
            gender: null,
        },
        {
            role: 'delegate',
            username: 'demo.beheerder',
            password: 'Sleutelbos-Fiets-91',
            firstName: 'Pieter',
            infix: null,
            lastName: 'Jansen',
            lasKey: 'LK002',
            eckId: 'https://ketenid.nl/201703/demo-lk002',
            birthDate: null,
            gender: null,
        },
    ],
    /** Picture logins for the demo pupils (own picture + picture password). */
    pictures: {
        'demo.leerling1': { avatar: 'uil', sequence: ['zon', 'maan', 'ster', 'boom'] },
        'demo.leerling2': { avatar: 'vos', sequence: ['bal', 'appel', 'fiets', 'boot'] },
    },
    /** One parent with both demo pupils as children (home-access address of each). */
    parent: { email: 'ouders@demoschool.invalid', password: 'Ouder-Demo-2468' },
    operator: { username: 'demo.operator', password: 'Beheer-Console-73', name: 'Demo Helpdesk', email: 'helpdesk@leerpoort.invalid' },
    /** The machine itself counts as the school network in the demo. */
    networks: ['127.0.0.0/8', '::1/128'],
});
const DEMO_AGREEMENT = `Product- en dienstenovereenkomst Leerpoort (demo)

1. Leerpoort geeft leerlingen en medewerkers van de school met één inlog toegang tot lesmateriaal waarvoor de school een geactiveerde licentie heeft.
2. De school is verwerkingsverantwoordelijke; Leerpoort verwerkt persoonsgegevens alleen in opdracht van de school en alleen de gegevens uit de privacybijlage.
3. Wijzigingen worden ten minste 45 dagen voor ingang bekendgemaakt. De school kan opzeggen met een opzegtermijn van één maand; daarna worden alle gegevens vernietigd.

(Demo text — English: single logon to activated learning materials; the school is the controller; changes are announced 45 days ahead; one month's notice, after which all data is destroyed.)`;
const DEMO_ACTOR = { type: 'system', id: 'demo-seed' };
async function seedDemo(hub, publisher = null) {
    if (hub.config.isProduction)
        throw new errors_1.ValidationError('the demo school is not seeded in production');
    const repos = hub.db.repositories;
    const { services } = hub;
    const school = (await repos.schools.findByBrin(exports.DEMO.brin, '00'))[0] ??
        (await services.schools.add({
            brin: exports.DEMO.brin,
            name: exports.DEMO.schoolName,
            assuNumber: '99999',
            visitingAddress: { street: 'Schoolstraat', houseNumber: '1', postalCode: '3511 AA', city: 'Utrecht' },
        }, DEMO_ACTOR));
    const group = (await repos.groups.findByLasKey(school.id, exports.DEMO.group.lasKey)) ??
        (await repos.groups.insert({
            schoolId: school.id,
            lasKey: exports.DEMO.group.lasKey,
            name: exports.DEMO.group.name,
            yearGroup: exports.DEMO.group.yearGroup,
            kind: 'stamgroep',
        }));
    for (const u of exports.DEMO.users) {
        let person = await repos.people.findByLasKey(school.id, u.role, u.lasKey);
        if (person) {
            // The printed password must be true: put it back if someone changed it.
            const secret = await repos.credentials.findLoginSecret(u.username);
            if (secret?.passwordHash && !(await hub.passwordHasher.verify(secret.passwordHash, u.password))) {
                await services.accounts.setPassword(u.username, u.password, DEMO_ACTOR);
            }
        }
        else {
            ({ person } = await services.accounts.createPersonWithAccount({
                schoolId: school.id,
                role: u.role,
                lasKey: u.lasKey,
                eckId: u.eckId,
                firstName: u.firstName,
                infix: u.infix,
                lastName: u.lastName,
                birthDate: u.birthDate,
                gender: u.gender,
                staffEmail: u.role === 'pupil' ? null : `${u.username}@demoschool.invalid`,
            }, u.username, u.password, DEMO_ACTOR));
        }
        await repos.groups.addMember({ groupId: group.id, personId: person.id, roleInGroup: u.role === 'pupil' ? 'member' : 'teacher' });
    }
    const participant = (await repos.participants.findByName(exports.DEMO.participant)) ?? (await services.participants.add({ name: exports.DEMO.participant }, DEMO_ACTOR));
    const product = (await repos.products.findByName(participant.id, exports.DEMO.product)) ??
        (await services.participants.addProduct(participant.name, {
            name: exports.DEMO.product,
            method: 'Rekenrijk',
            launchUrl: publisher ? `${publisher.url}/` : 'https://sp.demo-uitgeverij.invalid/rekenrijk',
        }, DEMO_ACTOR));
    // The portal tile opens the publisher where it runs now (its port may differ from the last start).
    if (publisher && product.launchUrl !== `${publisher.url}/`)
        await services.participants.updateProduct(participant, product.id, { launchUrl: `${publisher.url}/` }, DEMO_ACTOR);
    const sp = publisher
        ? await (0, onboard_publisher_1.onboardFromMetadataUrl)(hub, { metadataUrl: publisher.metadataUrl, participant: participant.name, product: product.name }, DEMO_ACTOR)
        : null;
    const licences = await repos.licences.listBySchool(school.id);
    if (!licences.some((l) => l.productId === product.id)) {
        await services.licences.grant({ brin: exports.DEMO.brin, productName: product.name, participantName: participant.name, target: { groupKey: exports.DEMO.group.lasKey } }, DEMO_ACTOR);
    }
    if (!(await repos.activations.find(school.id, participant.id))?.enabled) {
        await services.licences.setActivation({ brin: exports.DEMO.brin, participantName: participant.name, enabled: true }, DEMO_ACTOR);
    }
    // Young pupils: own picture + picture password (put back if changed, so the printed one is true).
    for (const [username, p] of Object.entries(exports.DEMO.pictures)) {
        const credential = (await repos.credentials.findByUsername(username));
        const current = await repos.credentials.pictureLogin(credential.personId);
        if (!current || current.avatar !== p.avatar || !(await hub.passwordHasher.verify(current.hash, (0, pictures_1.pictureSecret)(p.sequence)))) {
            await repos.credentials.setPicturePassword(credential.id, p.avatar, await hub.passwordHasher.hash((0, pictures_1.pictureSecret)(p.sequence)));
        }
        const person = (await repos.people.findById(credential.personId));
        if (!(await repos.people.homeAccessEmails(person.id)).some((e) => e.email === exports.DEMO.parent.email))
            await repos.people.addHomeAccessEmail(person.id, exports.DEMO.parent.email);
    }
    const parentKey = repos.guardians.emailKey(exports.DEMO.parent.email);
    const parentHash = await repos.guardians.passwordHash(parentKey);
    if (!parentHash || !(await hub.passwordHasher.verify(parentHash, exports.DEMO.parent.password)))
        await repos.guardians.setPassword(parentKey, await hub.passwordHasher.hash(exports.DEMO.parent.password));
    if ((await repos.schoolNetworks.list(school.id)).length === 0)
        await services.schools.setNetworks(exports.DEMO.brin, exports.DEMO.networks, DEMO_ACTOR);
    if (!school.homeAccessEnabled)
        await services.schools.setHomeAccess(exports.DEMO.brin, true, DEMO_ACTOR);
    if ((await repos.agreements.list()).length === 0) {
        await services.agreements.publish({ version: 'demo-1', body: DEMO_AGREEMENT, effectiveFrom: new Date() }, DEMO_ACTOR);
    }
    if (!(await repos.credentials.findByUsername(exports.DEMO.operator.username))) {
        await services.accounts.createOperator({ displayName: exports.DEMO.operator.name, email: exports.DEMO.operator.email, roles: ['helpdesk'] }, exports.DEMO.operator.username, exports.DEMO.operator.password, DEMO_ACTOR);
    }
    return {
        school: { brin: school.brin, name: school.name },
        users: exports.DEMO.users.map((u) => ({ role: u.role, username: u.username, password: u.password })),
        participant: participant.name,
        product: product.name,
        sp,
        publisherUrl: publisher?.url ?? null,
        pictures: Object.entries(exports.DEMO.pictures).map(([username, p]) => ({ username, avatar: p.avatar, sequence: p.sequence })),
        parent: { ...exports.DEMO.parent },
        operator: { username: exports.DEMO.operator.username, password: exports.DEMO.operator.password, roles: ['helpdesk'] },
    };
}
function formatDemoSummary(s) {
    const rows = s.users.map((u) => `  ${u.role.padEnd(9)} ${u.username.padEnd(18)} ${u.password}`);
    return [
        `Demo school ${s.school.brin} – ${s.school.name}`,
        `  role      username           password`,
        ...rows,
        `Picture login (/login/pictures):`,
        ...s.pictures.map((p) => `  ${p.username.padEnd(18)} picture ${p.avatar.padEnd(6)} pictures ${p.sequence.join(' → ')}`),
        `Parent (/login/parents): ${s.parent.email} / ${s.parent.password} — children Sanne and Daan`,
        `Operator (/ops, sets up two-step verification at first login): ${s.operator.username} / ${s.operator.password}`,
        `School network: ${exports.DEMO.networks.join(', ')}; home access on`,
        `Participant: ${s.participant} · product: ${s.product} (licence for ${exports.DEMO.group.name}, data transfer activated)`,
        ...(s.publisherUrl
            ? [
                `Demo publisher "${s.product}": open ${s.publisherUrl} → "Inloggen via Leerpoort" → log in as a demo user above`,
                `  its SP ${s.sp} was registered from its metadata URL, like a real publisher`,
            ]
            : []),
    ].join('\n');
}
//# sourceMappingURL=seed-demo.js.map