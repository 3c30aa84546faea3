import type { MisuseWarning, School } from '../model';
import type { Bilingual } from '../maintenance/notice';
import { formatWhen } from '../maintenance/wording';

/**
 * Suspension of a school (product & service agreement art. 12) — the rule's one home.
 *
 * A suspended school's users cannot log in by any method and reach no publisher, and publishers get no SSO
 * and no roster data for it; nothing is deleted, and lifting the suspension restores everything. The login
 * services (password, picture, card, parent), the live-session check, the licence gate
 * (licensing/access.ts) and the roster API all ask `isSuspended` — nothing else decides it.
 */
export function isSuspended(school: Pick<School, 'suspendedAt'>): boolean {
  return school.suspendedAt !== null;
}

/**
 * What a suspended school's users are told wherever they are refused (login pages, SSO): why, and whom to
 * contact — their school, whose delegates and board received the warning and the suspension by mail,
 * with what to do and how to reach the operator.
 */
export const SUSPENDED_NOTICE: Bilingual = {
  nl:
    'De toegang van je school tot Leerpoort is opgeschort door de beheerder van Leerpoort, wegens misbruik of oneigenlijk gebruik ' +
    '(artikel 12 van de productovereenkomst). Je gegevens blijven bewaard. Neem contact op met de ICT-coördinator of de directie van je school: ' +
    'zij hebben bericht gekregen over wat er moet gebeuren en kunnen de beheerder van Leerpoort bereiken.',
  en:
    "Your school's access to Leerpoort has been suspended by Leerpoort's operator because of misuse or improper use " +
    "(article 12 of the product agreement). Your data is kept. Please contact your school's ICT coordinator or management: " +
    'they have been told what needs to happen and can reach the Leerpoort operator.',
};

/**
 * The grounds for suspending at once, without a warning whose deadline passed. The agreement text itself
 * is not in this repository; this is our reading of art. 12's exception (documented in docs/notices.md):
 * only an acute danger that a warning period would let continue.
 */
export const IMMEDIATE_REASONS = {
  security_threat: {
    nl: 'het gebruik brengt de beveiliging of beschikbaarheid van Leerpoort of de gegevens van andere scholen acuut in gevaar',
    en: "the use acutely endangers the security or availability of Leerpoort or other schools' data",
  },
  ongoing_fraud: {
    nl: 'er vindt fraude plaats die nu schade doet (bijvoorbeeld accounts die door anderen worden gebruikt)',
    en: 'fraud is taking place that is doing damage now (for example accounts used by others)',
  },
  legal_order: {
    nl: 'een rechter of bevoegde overheidsinstantie beveelt het',
    en: 'a court or competent authority orders it',
  },
} as const satisfies Record<string, Bilingual>;

export type ImmediateReason = keyof typeof IMMEDIATE_REASONS;

export const isImmediateReason = (v: string): v is ImmediateReason => Object.hasOwn(IMMEDIATE_REASONS, v);

export type WarningState = 'open' | 'expired' | 'closed';

/** A warning is open until its deadline, expired after it (the school did not show measures), closed once dealt with. */
export function warningState(w: Pick<MisuseWarning, 'deadline' | 'closedAt'>, now: Date): WarningState {
  if (w.closedAt) return 'closed';
  return w.deadline <= now ? 'expired' : 'open';
}

export type SuspensionDecision =
  | { readonly allowed: true; readonly basis: 'expired_warning'; readonly warningId: string }
  | { readonly allowed: true; readonly basis: 'immediate'; readonly reason: ImmediateReason }
  | { readonly allowed: false; readonly reason: Bilingual };

/**
 * May the school be suspended now? With an immediate reason the agreement allows: yes. Otherwise only on
 * a written warning to this school whose deadline has passed without it being closed (measures taken or
 * withdrawn); the earliest such warning is the basis.
 */
export function suspensionDecision(warnings: readonly MisuseWarning[], immediateReason: string | null, now: Date): SuspensionDecision {
  if (immediateReason !== null) {
    if (isImmediateReason(immediateReason)) return { allowed: true, basis: 'immediate', reason: immediateReason };
    return {
      allowed: false,
      reason: {
        nl: `'${immediateReason}' is geen reden om direct op te schorten; toegestaan: ${Object.keys(IMMEDIATE_REASONS).join(', ')}.`,
        en: `'${immediateReason}' is not a reason to suspend at once; allowed: ${Object.keys(IMMEDIATE_REASONS).join(', ')}.`,
      },
    };
  }
  const expired = warnings.filter((w) => warningState(w, now) === 'expired').sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  if (expired[0]) return { allowed: true, basis: 'expired_warning', warningId: expired[0].id };
  const open = warnings.filter((w) => warningState(w, now) === 'open').sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  return {
    allowed: false,
    reason: open[0]
      ? {
          nl: `De school heeft tot ${formatWhen(open[0].deadline, 'nl')} om maatregelen te nemen; eerder opschorten kan alleen met een directe reden die de overeenkomst toestaat.`,
          en: `The school has until ${formatWhen(open[0].deadline, 'en')} (Dutch time) to take measures; suspending earlier needs an immediate reason the agreement allows.`,
        }
      : {
          nl: 'Opschorten kan pas na een schriftelijke waarschuwing waarvan de termijn zonder maatregelen is verstreken, of met een directe reden die de overeenkomst toestaat.',
          en: 'Suspension needs a written warning whose deadline passed without measures, or an immediate reason the agreement allows.',
        },
  };
}
