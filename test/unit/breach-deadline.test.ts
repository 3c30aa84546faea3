import { expect } from 'chai';
import { NOTIFY_WITHIN_HOURS, notificationState } from '../../src/domain/breaches/deadline';
import type { Breach } from '../../src/domain/breaches/model';
import { breachMail } from '../../src/domain/breaches/wording';
import { CATEGORY_LABELS } from '../../src/release/categories';

/**
 * The 24-hour notification deadline of security annex C as a table: the clock starts at confirmation (not
 * at detection), runs in real time (across a weekend and the October clock change), exactly 24 h is still
 * in time, one millisecond later is overdue; a notification after the deadline stays marked late.
 */
const at = (iso: string) => new Date(iso);

interface Case {
  readonly name: string;
  readonly confirmed: string | null;
  readonly notified?: string;
  readonly now: string;
  readonly expect: 'unconfirmed' | 'due' | 'overdue' | 'notified' | 'notified late';
  /** Expected deadline (ISO), where there is one. */
  readonly deadline?: string;
}

const CASES: Case[] = [
  { name: 'recorded, not confirmed, long ago: no clock', confirmed: null, now: '2026-12-20T10:00:00Z', expect: 'unconfirmed' },
  {
    name: 'just confirmed',
    confirmed: '2026-12-01T10:00:00Z',
    now: '2026-12-01T10:00:00Z',
    expect: 'due',
    deadline: '2026-12-02T10:00:00.000Z',
  },
  { name: '23h59m59.999s after', confirmed: '2026-12-01T10:00:00Z', now: '2026-12-02T09:59:59.999Z', expect: 'due' },
  { name: 'exactly 24 h after: still in time', confirmed: '2026-12-01T10:00:00Z', now: '2026-12-02T10:00:00Z', expect: 'due' },
  { name: '24 h + 1 ms after: overdue', confirmed: '2026-12-01T10:00:00Z', now: '2026-12-02T10:00:00.001Z', expect: 'overdue' },
  {
    name: 'confirmed Friday evening: due Saturday evening, not Monday (no working hours)',
    confirmed: '2026-12-04T19:00:00+01:00',
    now: '2026-12-05T19:00:01+01:00',
    expect: 'overdue',
    deadline: '2026-12-05T18:00:00.000Z',
  },
  {
    name: 'across the October clock change: 24 real hours, so the wall clock says 11:00, not 12:00',
    confirmed: '2026-10-24T12:00:00+02:00',
    now: '2026-10-25T11:00:01+01:00',
    expect: 'overdue',
    deadline: '2026-10-25T10:00:00.000Z',
  },
  {
    name: 'notified within the deadline',
    confirmed: '2026-12-01T10:00:00Z',
    notified: '2026-12-01T18:00:00Z',
    now: '2026-12-09T10:00:00Z',
    expect: 'notified',
  },
  {
    name: 'notified exactly at the deadline',
    confirmed: '2026-12-01T10:00:00Z',
    notified: '2026-12-02T10:00:00Z',
    now: '2026-12-09T10:00:00Z',
    expect: 'notified',
  },
  {
    name: 'notified after the deadline: stays marked late',
    confirmed: '2026-12-01T10:00:00Z',
    notified: '2026-12-02T10:00:01Z',
    now: '2026-12-09T10:00:00Z',
    expect: 'notified late',
  },
];

describe('breach notification deadline (security annex C: within 24 hours after confirmation)', () => {
  it('is 24 hours', () => expect(NOTIFY_WITHIN_HOURS).to.equal(24));
  for (const c of CASES) {
    it(c.name, () => {
      const s = notificationState(
        { confirmedAt: c.confirmed ? at(c.confirmed) : null, notifiedAt: c.notified ? at(c.notified) : null },
        at(c.now),
      );
      const got = s.state === 'notified' && s.late ? 'notified late' : s.state;
      expect(got).to.equal(c.expect);
      if (c.deadline) expect('deadline' in s && s.deadline.toISOString()).to.equal(c.deadline);
      if (s.state === 'due') expect(s.msLeft).to.equal(s.deadline.getTime() - at(c.now).getTime());
      if (s.state === 'overdue') expect(s.msOver).to.equal(at(c.now).getTime() - s.deadline.getTime());
    });
  }
});

describe('breach notification mail: exactly the annex fields, Dutch first, then English', () => {
  const breach: Breach = {
    id: '6f1c1d5e-0000-4000-8000-000000000001',
    detectedAt: at('2026-12-01T08:15:00Z'),
    summary: 'Een lijst met gebruikersnamen stond openbaar.',
    natures: ['read', 'copy'],
    cause: 'Verkeerd ingestelde opslag.',
    measures: 'Lijst verwijderd; wachtwoorden gereset.',
    affectedSchools: [
      { schoolId: 'a', brin: '12AB', name: 'De Regenboog', peopleCount: 340 },
      { schoolId: 'b', brin: '34CD', name: 'Het Anker', peopleCount: 12 },
    ],
    affectedKinds: ['pupils', 'teachers'],
    dataCategories: ['firstName', 'lastName', 'groupName'],
    accessDataAffected: true,
    recordedAt: at('2026-12-01T09:00:00Z'),
    recordedBy: 'operator:x',
    confirmedAt: at('2026-12-01T10:00:00Z'),
    confirmedBy: 'operator:x',
    notifiedAt: null,
    notifiedBy: null,
    delegatesNotified: null,
  };

  it('names the school, its own count and the totals, not the other school', () => {
    const { subject, body } = breachMail(breach, breach.affectedSchools[0]!, CATEGORY_LABELS, 'https://leerpoort.example');
    expect(subject).to.equal('Leerpoort: melding datalek / data breach notification (12AB)');
    const lines = body.split('\n');
    for (const expected of [
      'Ontdekt op: dinsdag 1 december 2026 om 09:15 (Nederlandse tijd)',
      'Vastgesteld op: dinsdag 1 december 2026 om 11:00 (Nederlandse tijd)',
      'Samenvatting: Een lijst met gebruikersnamen stond openbaar.',
      'Aard: inzien, kopiëren',
      'Oorzaak: Verkeerd ingestelde opslag.',
      'Genomen maatregelen: Lijst verwijderd; wachtwoorden gereset.',
      'Wie zijn getroffen: leerlingen, leraren',
      'Aantal getroffen personen van uw school: 340',
      'Totaal: 352 personen van 2 school/scholen',
      'Getroffen gegevens: voornaam, achternaam, groepsnaam',
      'Detected at: Tuesday, 1 December 2026 at 09:15 (Dutch time)',
      'Nature: read, copy',
      'Who is affected: pupils, teachers',
      'People of your school affected: 340',
      'In total: 352 people of 2 school(s)',
      'Data affected: first name, last name, group name',
      'Reference: 6f1c1d5e-0000-4000-8000-000000000001',
    ])
      expect(lines, expected).to.include(expected);
    expect(body).to.match(/Toegangs- of identificatiegegevens getroffen: JA/);
    expect(body).to.match(/Access or identification data affected: YES/);
    expect(body.indexOf('Samenvatting'), 'Dutch first').to.be.lessThan(body.indexOf('Summary'));
    expect(body).not.to.contain('Het Anker').and.not.to.contain('34CD');
  });
});
