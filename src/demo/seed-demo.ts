import { ValidationError } from '../domain/errors';
import type { Actor, PersonRole } from '../domain/model';
import type { Hub } from '../main';
import { pictureSecret } from '../domain/identity/pictures';
import { onboardFromMetadataUrl } from './onboard-publisher';

/**
 * The demo school: idempotent, so `npm start` can run it at every start. Passwords are fixed and
 * printed on purpose (development only; refused in production).
 */
export const DEMO = Object.freeze({
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
  ] as const,
  /** Picture logins for the demo pupils (own picture + picture password). */
  pictures: {
    'demo.leerling1': { avatar: 'uil', sequence: ['zon', 'maan', 'ster', 'boom'] },
    'demo.leerling2': { avatar: 'vos', sequence: ['bal', 'appel', 'fiets', 'boot'] },
  } as Record<string, { avatar: string; sequence: string[] }>,
  /** One parent with both demo pupils as children (home-access address of each). */
  parent: { email: 'ouders@demoschool.invalid', password: 'Ouder-Demo-2468' },
  operator: { username: 'demo.operator', password: 'Beheer-Console-73', name: 'Demo Helpdesk', email: 'helpdesk@leerpoort.invalid' },
  /** The machine itself counts as the school network in the demo. */
  networks: ['127.0.0.0/8', '::1/128'],
});

export interface DemoSummary {
  school: { brin: string; name: string };
  users: Array<{ role: PersonRole; username: string; password: string }>;
  participant: string;
  product: string;
  /** Entity ID of the demo publisher's SP (registered from its metadata URL); null when seeded without it. */
  sp: string | null;
  /** Where a person opens the demo publisher ("Rekenrijk Demo"); null when seeded without it. */
  publisherUrl: string | null;
  pictures: Array<{ username: string; avatar: string; sequence: string[] }>;
  parent: { email: string; password: string };
  operator: { username: string; password: string; roles: string[] };
}

const DEMO_AGREEMENT = `Product- en dienstenovereenkomst Leerpoort (demo)

1. Leerpoort geeft leerlingen en medewerkers van de school met één inlog toegang tot lesmateriaal waarvoor de school een geactiveerde licentie heeft.
2. De school is verwerkingsverantwoordelijke; Leerpoort verwerkt persoonsgegevens alleen in opdracht van de school en alleen de gegevens uit de privacybijlage.
3. Wijzigingen worden ten minste 45 dagen voor ingang bekendgemaakt. De school kan opzeggen met een opzegtermijn van één maand; daarna worden alle gegevens vernietigd.

(Demo text — English: single logon to activated learning materials; the school is the controller; changes are announced 45 days ahead; one month's notice, after which all data is destroyed.)`;

const DEMO_ACTOR: Actor = { type: 'system', id: 'demo-seed' };

/** The running demo publisher (src/demo/publisher), as far as the seed needs to know it: where it is. */
export interface DemoPublisherRef {
  readonly url: string;
  readonly metadataUrl: string;
}

export async function seedDemo(hub: Hub, publisher: DemoPublisherRef | null = null): Promise<DemoSummary> {
  if (hub.config.isProduction) throw new ValidationError('the demo school is not seeded in production');
  const repos = hub.db.repositories;
  const { services } = hub;

  const school =
    (await repos.schools.findByBrin(DEMO.brin, '00'))[0] ??
    (await services.schools.add(
      {
        brin: DEMO.brin,
        name: DEMO.schoolName,
        assuNumber: '99999',
        visitingAddress: { street: 'Schoolstraat', houseNumber: '1', postalCode: '3511 AA', city: 'Utrecht' },
      },
      DEMO_ACTOR,
    ));
  const group =
    (await repos.groups.findByLasKey(school.id, DEMO.group.lasKey)) ??
    (await repos.groups.insert({
      schoolId: school.id,
      lasKey: DEMO.group.lasKey,
      name: DEMO.group.name,
      yearGroup: DEMO.group.yearGroup,
      kind: 'stamgroep',
    }));

  for (const u of DEMO.users) {
    let person = await repos.people.findByLasKey(school.id, u.role, u.lasKey);
    if (person) {
      // The printed password must be true: put it back if someone changed it.
      const secret = await repos.credentials.findLoginSecret(u.username);
      if (secret?.passwordHash && !(await hub.passwordHasher.verify(secret.passwordHash, u.password))) {
        await services.accounts.setPassword(u.username, u.password, DEMO_ACTOR);
      }
    } else {
      ({ person } = await services.accounts.createPersonWithAccount(
        {
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
        },
        u.username,
        u.password,
        DEMO_ACTOR,
      ));
    }
    await repos.groups.addMember({ groupId: group.id, personId: person.id, roleInGroup: u.role === 'pupil' ? 'member' : 'teacher' });
  }

  const participant =
    (await repos.participants.findByName(DEMO.participant)) ?? (await services.participants.add({ name: DEMO.participant }, DEMO_ACTOR));
  const product =
    (await repos.products.findByName(participant.id, DEMO.product)) ??
    (await services.participants.addProduct(
      participant.name,
      {
        name: DEMO.product,
        method: 'Rekenrijk',
        launchUrl: publisher ? `${publisher.url}/` : 'https://sp.demo-uitgeverij.invalid/rekenrijk',
      },
      DEMO_ACTOR,
    ));
  // The portal tile opens the publisher where it runs now (its port may differ from the last start).
  if (publisher && product.launchUrl !== `${publisher.url}/`)
    await services.participants.updateProduct(participant, product.id, { launchUrl: `${publisher.url}/` }, DEMO_ACTOR);
  const sp = publisher
    ? await onboardFromMetadataUrl(
        hub,
        { metadataUrl: publisher.metadataUrl, participant: participant.name, product: product.name },
        DEMO_ACTOR,
      )
    : null;
  const licences = await repos.licences.listBySchool(school.id);
  if (!licences.some((l) => l.productId === product.id)) {
    await services.licences.grant(
      { brin: DEMO.brin, productName: product.name, participantName: participant.name, target: { groupKey: DEMO.group.lasKey } },
      DEMO_ACTOR,
    );
  }
  if (!(await repos.activations.find(school.id, participant.id))?.enabled) {
    await services.licences.setActivation({ brin: DEMO.brin, participantName: participant.name, enabled: true }, DEMO_ACTOR);
  }

  // Young pupils: own picture + picture password (put back if changed, so the printed one is true).
  for (const [username, p] of Object.entries(DEMO.pictures)) {
    const credential = (await repos.credentials.findByUsername(username))!;
    const current = await repos.credentials.pictureLogin(credential.personId!);
    if (!current || current.avatar !== p.avatar || !(await hub.passwordHasher.verify(current.hash, pictureSecret(p.sequence)))) {
      await repos.credentials.setPicturePassword(credential.id, p.avatar, await hub.passwordHasher.hash(pictureSecret(p.sequence)));
    }
    const person = (await repos.people.findById(credential.personId!))!;
    if (!(await repos.people.homeAccessEmails(person.id)).some((e) => e.email === DEMO.parent.email))
      await repos.people.addHomeAccessEmail(person.id, DEMO.parent.email);
  }
  const parentKey = repos.guardians.emailKey(DEMO.parent.email);
  const parentHash = await repos.guardians.passwordHash(parentKey);
  if (!parentHash || !(await hub.passwordHasher.verify(parentHash, DEMO.parent.password)))
    await repos.guardians.setPassword(parentKey, await hub.passwordHasher.hash(DEMO.parent.password));
  if ((await repos.schoolNetworks.list(school.id)).length === 0) await services.schools.setNetworks(DEMO.brin, DEMO.networks, DEMO_ACTOR);
  if (!school.homeAccessEnabled) await services.schools.setHomeAccess(DEMO.brin, true, DEMO_ACTOR);
  if ((await repos.agreements.list()).length === 0) {
    await services.agreements.publish({ version: 'demo-1', body: DEMO_AGREEMENT, effectiveFrom: new Date() }, DEMO_ACTOR);
  }
  if (!(await repos.credentials.findByUsername(DEMO.operator.username))) {
    await services.accounts.createOperator(
      { displayName: DEMO.operator.name, email: DEMO.operator.email, roles: ['helpdesk'] },
      DEMO.operator.username,
      DEMO.operator.password,
      DEMO_ACTOR,
    );
  }

  return {
    school: { brin: school.brin, name: school.name },
    users: DEMO.users.map((u) => ({ role: u.role, username: u.username, password: u.password })),
    participant: participant.name,
    product: product.name,
    sp,
    publisherUrl: publisher?.url ?? null,
    pictures: Object.entries(DEMO.pictures).map(([username, p]) => ({ username, avatar: p.avatar, sequence: p.sequence })),
    parent: { ...DEMO.parent },
    operator: { username: DEMO.operator.username, password: DEMO.operator.password, roles: ['helpdesk'] },
  };
}

export function formatDemoSummary(s: DemoSummary): string {
  const rows = s.users.map((u) => `  ${u.role.padEnd(9)} ${u.username.padEnd(18)} ${u.password}`);
  return [
    `Demo school ${s.school.brin} – ${s.school.name}`,
    `  role      username           password`,
    ...rows,
    `Picture login (/login/pictures):`,
    ...s.pictures.map((p) => `  ${p.username.padEnd(18)} picture ${p.avatar.padEnd(6)} pictures ${p.sequence.join(' → ')}`),
    `Parent (/login/parents): ${s.parent.email} / ${s.parent.password} — children Sanne and Daan`,
    `Operator (/ops, sets up two-step verification at first login): ${s.operator.username} / ${s.operator.password}`,
    `School network: ${DEMO.networks.join(', ')}; home access on`,
    `Participant: ${s.participant} · product: ${s.product} (licence for ${DEMO.group.name}, data transfer activated)`,
    ...(s.publisherUrl
      ? [
          `Demo publisher "${s.product}": open ${s.publisherUrl} → "Inloggen via Leerpoort" → log in as a demo user above`,
          `  its SP ${s.sp} was registered from its metadata URL, like a real publisher`,
        ]
      : []),
  ].join('\n');
}
