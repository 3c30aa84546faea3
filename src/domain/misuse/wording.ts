import { formatWhen } from '../maintenance/wording';
import type { MisuseWarning, School, SchoolSuspension } from '../model';
import { IMMEDIATE_REASONS, isImmediateReason } from './suspension';

/** The mails of art. 12 to a school's delegates and board: Dutch first, English beside it, Amsterdam time. */
type Mail = { subject: string; body: string };

const named = (school: School) => `${school.name} (BRIN ${school.brin}${school.dependanceCode === '00' ? '' : school.dependanceCode})`;

export function warningMail(school: School, w: MisuseWarning, baseUrl: string): Mail {
  return {
    subject: 'Leerpoort: schriftelijke waarschuwing / written warning (art. 12)',
    body: [
      `Aan de ICT-coördinatoren en het bestuur van ${named(school)}.`,
      '',
      'Leerpoort heeft misbruik, oneigenlijk gebruik of fraude vastgesteld (artikel 12 van de productovereenkomst).',
      `Wat we zagen: ${w.observed}`,
      `Wat de school moet doen: ${w.requiredMeasures}`,
      `Uiterlijk: ${formatWhen(w.deadline, 'nl')} (Nederlandse tijd).`,
      'Heeft de school dan geen maatregelen genomen, dan kan Leerpoort de toegang van de school opschorten. Er worden geen gegevens verwijderd.',
      `De waarschuwing staat ook in het beheerscherm: ${baseUrl}/admin`,
      '',
      `To the ICT coordinators and the board of ${named(school)}.`,
      '',
      'Leerpoort has found misuse, improper use or fraud (article 12 of the product agreement).',
      `What we saw: ${w.observed}`,
      `What the school must do: ${w.requiredMeasures}`,
      `By: ${formatWhen(w.deadline, 'en')} (Dutch time).`,
      "If the school has not taken measures by then, Leerpoort may suspend the school's access. No data is deleted.",
      `The warning is also shown in the management screen: ${baseUrl}/admin`,
    ].join('\n'),
  };
}

function reasonText(s: SchoolSuspension, lang: 'nl' | 'en'): string {
  if (s.basis === 'expired_warning')
    return lang === 'nl'
      ? 'de termijn van de schriftelijke waarschuwing is verstreken zonder dat de school maatregelen nam'
      : 'the deadline of the written warning passed without the school taking measures';
  const reason = s.immediateReason && isImmediateReason(s.immediateReason) ? IMMEDIATE_REASONS[s.immediateReason][lang] : '';
  return lang === 'nl' ? `direct, zonder voorafgaande termijn: ${reason}` : `at once, without a prior deadline: ${reason}`;
}

export function suspendedMail(school: School, s: SchoolSuspension): Mail {
  return {
    subject: 'Leerpoort: toegang opgeschort / access suspended (art. 12)',
    body: [
      `De toegang van ${named(school)} tot Leerpoort is opgeschort per ${formatWhen(s.suspendedAt, 'nl')} (Nederlandse tijd).`,
      `Reden: ${reasonText(s, 'nl')}.`,
      `Toelichting: ${s.explanation}`,
      'Leerlingen en medewerkers kunnen niet inloggen en geen lesmateriaal openen; uitgevers krijgen geen gegevens van de school.',
      'Er wordt niets verwijderd: na opheffing werkt alles weer zoals voorheen. Neem contact op met de beheerder van Leerpoort door op deze mail te antwoorden.',
      '',
      `The access of ${named(school)} to Leerpoort has been suspended as of ${formatWhen(s.suspendedAt, 'en')} (Dutch time).`,
      `Reason: ${reasonText(s, 'en')}.`,
      `Explanation: ${s.explanation}`,
      'Pupils and staff cannot log in or open learning materials; publishers receive no data of the school.',
      'Nothing is deleted: once the suspension is lifted everything works as before. Contact the Leerpoort operator by replying to this mail.',
    ].join('\n'),
  };
}

export function liftedMail(school: School, s: SchoolSuspension): Mail {
  return {
    subject: 'Leerpoort: opschorting opgeheven / suspension lifted',
    body: [
      `De opschorting van ${named(school)} is opgeheven per ${formatWhen(s.liftedAt ?? new Date(), 'nl')} (Nederlandse tijd). Inloggen en lesmateriaal werken weer.`,
      `Toelichting: ${s.liftNote ?? ''}`,
      '',
      `The suspension of ${named(school)} has been lifted as of ${formatWhen(s.liftedAt ?? new Date(), 'en')} (Dutch time). Logins and learning materials work again.`,
      `Explanation: ${s.liftNote ?? ''}`,
    ].join('\n'),
  };
}
