"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedPublishers = seedPublishers;
exports.hashSecrets = hashSecrets;
exports.seedSchool = seedSchool;
exports.seedSchools = seedSchools;
/**
 * Writes the morning-peak population into a fresh, migrated database, through the hub's own services
 * and bulk paths: schools and their networks via the school service, groups, people and memberships via
 * the roster import (one unnest statement each), accounts in one multi-row insert per school through the
 * credential entity (so usernames and TOTP secrets are encrypted and blind-indexed by the hub's own
 * column transformers), picture passwords and login cards in one statement each, and three publishers
 * with SPs, licences and activations for every school via the licensing services.
 */
const otpauth_1 = require("otpauth");
const card_token_1 = require("../../src/crypto/card-token");
const secrets_1 = require("../../src/crypto/secrets");
const pictures_1 = require("../../src/domain/identity/pictures");
const two_factor_service_1 = require("../../src/domain/identity/two-factor.service");
const credential_entity_1 = require("../../src/persistence/entities/credential.entity");
const field_encryption_1 = require("../../src/persistence/field-encryption");
const credential_repository_1 = require("../../src/persistence/repositories/credential.repository");
const sp_registration_1 = require("../bench/sp-registration");
const population_1 = require("./population");
const ACTOR = { type: 'cli', id: 'load-seed' };
const CARD_VALID_MS = 365 * 86_400_000;
/** Three publishers, each with one product (the portal tile) and one SP that signs its AuthnRequests. */
async function seedPublishers(hub) {
    const publishers = [];
    for (const [k, name] of ['Noord', 'Oost', 'West'].entries()) {
        await hub.services.participants.add({ name: `Uitgeverij ${name}` }, ACTOR);
        await hub.services.participants.addProduct(`Uitgeverij ${name}`, { name: `Methode ${name}` }, ACTOR);
        const keys = await (0, secrets_1.generateKeyPair)(`load SP ${k}`);
        const sp = { entityId: `https://sp${k}.load.example/sp`, acs: `http://127.0.0.1:9/load/acs${k}` };
        await (0, sp_registration_1.registerBenchSp)(hub, `Uitgeverij ${name}`, sp, keys.certificatePem, ACTOR);
        publishers.push({ sp, privateKeyPem: keys.privateKeyPem });
    }
    return publishers;
}
/**
 * The hashes of the few distinct secrets, each hashed once with the hub's own hasher and then stored for
 * every account that shares it. argon2id costs ~10 ms of CPU per hash on purpose; 100,000 of them would
 * take minutes of both cores before the run could start, while a login's cost — one verification of a
 * full argon2id hash — is the same whichever salt the stored hash has.
 */
async function hashSecrets(hub) {
    return {
        passwords: await Promise.all(population_1.PASSWORDS.map((p) => hub.passwordHasher.hash(p))),
        pictures: await Promise.all(population_1.PICTURE_SEQUENCES.map((s) => hub.passwordHasher.hash((0, pictures_1.pictureSecret)(s)))),
    };
}
async function seedSchool(hub, plan, hashes) {
    const { services, db } = hub;
    const school = await services.schools.add({ brin: plan.brin, name: plan.name }, ACTOR);
    // All load comes from loopback addresses (one per school, see the HTTP client): the school's network.
    await services.schools.setNetworks(plan.brin, ['127.0.0.0/8'], ACTOR);
    await services.rosterImport.import((0, population_1.rosterOf)(plan), { dryRun: false, source: 'morning-peak', actor: ACTOR, createAccounts: false });
    for (const name of ['Noord', 'Oost', 'West']) {
        await services.licences.grant({ brin: plan.brin, productName: `Methode ${name}`, target: { all: true } }, ACTOR);
        await services.licences.setActivation({ brin: plan.brin, participantName: `Uitgeverij ${name}`, enabled: true }, ACTOR);
    }
    const people = new Map((await db.repositories.people.listBySchool(school.id)).map((p) => [`${p.role}:${p.lasKey}`, p.id]));
    const groups = new Map((await db.repositories.groups.listBySchool(school.id)).map((g) => [g.yearGroup, g.id]));
    const totpSecrets = new Map(plan.users.filter((u) => u.method === 'totp').map((u) => [u.username, new otpauth_1.Secret({ size: 20 }).base32]));
    const personOf = (u) => people.get(`${u.role}:${u.lasKey}`);
    const pictureUsers = plan.users.filter((u) => u.method === 'picture');
    const cardUsers = plan.users.filter((u) => u.method === 'card');
    const cards = await db.dataSource.transaction(async (m) => {
        await m
            .createQueryBuilder()
            .insert()
            .into(credential_entity_1.CredentialEntity)
            .values(plan.users.map((u) => ({
            personId: personOf(u),
            username: u.username,
            usernameHmac: (0, field_encryption_1.blindIndex)(u.username, credential_repository_1.USERNAME_INDEX),
            passwordHash: hashes.passwords[u.secret],
            passwordChangedAt: new Date(),
            mustChangePassword: false,
            totpSecret: totpSecrets.get(u.username) ?? null,
            totpEnabled: totpSecrets.has(u.username),
        })))
            .execute();
        // Own pictures differ within a group (the pupil finds themself by it), as the hub's chooser keeps them.
        await m.query(`UPDATE credentials SET picture_avatar = u.avatar, picture_password_hash = u.hash
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(person_id, avatar, hash) WHERE credentials.person_id = u.person_id`, [
            pictureUsers.map(personOf),
            pictureUsers.map((_, i) => pictures_1.AVATARS[i % pictures_1.AVATARS.length].id),
            pictureUsers.map((u) => hashes.pictures[u.secret]),
        ]);
        const rows = await m.query('INSERT INTO login_cards (person_id, expires_at) SELECT p, $2 FROM unnest($1::uuid[]) AS p RETURNING id, person_id', [cardUsers.map(personOf), new Date(Date.now() + CARD_VALID_MS)]);
        return new Map(rows.map((r) => [r.person_id, r.id]));
    });
    const signer = new card_token_1.HmacCardTokenSigner(hub.secrets.sessionSecret);
    return plan.users.map((u) => {
        const personId = personOf(u);
        const totpSecret = totpSecrets.get(u.username);
        return {
            school: plan.index,
            schoolId: school.id,
            groupId: groups.get(u.year),
            personId,
            method: u.method,
            username: u.username,
            password: population_1.PASSWORDS[u.secret],
            sequence: u.method === 'picture' ? population_1.PICTURE_SEQUENCES[u.secret].join(',') : undefined,
            cardToken: cards.has(personId) ? signer.sign(cards.get(personId)) : undefined,
            totp: totpSecret
                ? new otpauth_1.TOTP({
                    issuer: two_factor_service_1.TOTP_ISSUER,
                    label: u.username,
                    secret: otpauth_1.Secret.fromBase32(totpSecret),
                    algorithm: 'SHA1',
                    digits: 6,
                    period: 30,
                })
                : undefined,
        };
    });
}
/** Every school, a few at a time (each is its own transactions; PostgreSQL works on several at once). */
async function seedSchools(hub, plans, onProgress, concurrency = 4) {
    const hashes = await hashSecrets(hub);
    const users = [];
    let next = 0;
    let done = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < plans.length; i = next++) {
            users[i] = await seedSchool(hub, plans[i], hashes);
            onProgress(++done);
        }
    }));
    return users.flat();
}
//# sourceMappingURL=seed.js.map