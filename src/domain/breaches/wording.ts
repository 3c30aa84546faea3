import { formatWhen } from '../maintenance/wording';
import { AFFECTED_KIND_LABELS, type AffectedSchool, type Breach, type CategoryLabels, NATURE_LABELS } from './model';

/**
 * The mail to the delegates of one affected school (security annex C): exactly the annex's fields, Dutch
 * first, English beside it. Times in Amsterdam wall-clock time. A school hears its own count and the
 * totals, never the names of the other schools affected.
 */
export function breachMail(
  breach: Breach,
  school: AffectedSchool,
  labels: CategoryLabels,
  baseUrl: string,
): { subject: string; body: string } {
  const list = (_lang: 'nl' | 'en', items: readonly string[], label: (s: string) => string) => items.map(label).join(', ');
  const natures = (lang: 'nl' | 'en') => list(lang, breach.natures, (n) => NATURE_LABELS[n as keyof typeof NATURE_LABELS][lang]);
  const kinds = (lang: 'nl' | 'en') =>
    list(lang, breach.affectedKinds, (k) => AFFECTED_KIND_LABELS[k as keyof typeof AFFECTED_KIND_LABELS][lang]);
  const categories = (lang: 'nl' | 'en') => list(lang, breach.dataCategories, (c) => labels[c]?.[lang] ?? c);
  const totalPeople = breach.affectedSchools.reduce((n, s) => n + s.peopleCount, 0);
  const schools = breach.affectedSchools.length;
  const access = {
    nl: breach.accessDataAffected
      ? 'JA — toegangs- of identificatiegegevens (gebruikersnamen, wachtwoorden, inlogkaarten of tweede factoren) zijn getroffen.'
      : 'nee',
    en: breach.accessDataAffected
      ? 'YES — access or identification data (usernames, passwords, login cards or second factors) are affected.'
      : 'no',
  };
  return {
    subject: `Leerpoort: melding datalek / data breach notification (${school.brin})`,
    body: [
      `Aan de contactpersoon van ${school.name} (${school.brin}).`,
      'Leerpoort meldt u een inbreuk in verband met persoonsgegevens (beveiligingsbijlage C).',
      '',
      `Ontdekt op: ${formatWhen(breach.detectedAt, 'nl')} (Nederlandse tijd)`,
      `Vastgesteld op: ${breach.confirmedAt ? formatWhen(breach.confirmedAt, 'nl') : '-'} (Nederlandse tijd)`,
      `Samenvatting: ${breach.summary}`,
      `Aard: ${natures('nl')}`,
      `Oorzaak: ${breach.cause}`,
      `Genomen maatregelen: ${breach.measures}`,
      `Wie zijn getroffen: ${kinds('nl')}`,
      `Aantal getroffen personen van uw school: ${school.peopleCount}`,
      `Totaal: ${totalPeople} personen van ${schools} school/scholen`,
      `Getroffen gegevens: ${categories('nl') || '-'}`,
      `Toegangs- of identificatiegegevens getroffen: ${access.nl}`,
      `Kenmerk: ${breach.id}`,
      `Vragen: antwoord op deze mail. Actuele stand: ${baseUrl}/status`,
      '',
      `To the delegate of ${school.name} (${school.brin}).`,
      'Leerpoort notifies you of a personal data breach (security annex C).',
      '',
      `Detected at: ${formatWhen(breach.detectedAt, 'en')} (Dutch time)`,
      `Confirmed at: ${breach.confirmedAt ? formatWhen(breach.confirmedAt, 'en') : '-'} (Dutch time)`,
      `Summary: ${breach.summary}`,
      `Nature: ${natures('en')}`,
      `Cause: ${breach.cause}`,
      `Measures taken: ${breach.measures}`,
      `Who is affected: ${kinds('en')}`,
      `People of your school affected: ${school.peopleCount}`,
      `In total: ${totalPeople} people of ${schools} school(s)`,
      `Data affected: ${categories('en') || '-'}`,
      `Access or identification data affected: ${access.en}`,
      `Reference: ${breach.id}`,
      `Questions: reply to this mail. Current status: ${baseUrl}/status`,
    ].join('\n'),
  };
}
