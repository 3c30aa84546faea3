import type { Repositories } from '../domain/ports';
import { type Category, declaredCategories } from './categories';

/**
 * `privacy check` (annex 1 D): the ledger's actual releases against each participant's declared annex.
 * A category released that the annex does not list is a difference the operator must act on (the check
 * fails); a declared category never released is reported too, but is no failure — the annex lists what
 * *may* be processed. Releases count from the moment the current annex was declared (or `since`).
 */

export interface ParticipantCheck {
  readonly participantId: string;
  readonly participant: string;
  /** Whether an annex was declared (without one, the default with recorded needs is the declaration). */
  readonly annexDeclared: boolean;
  readonly since: string | null;
  readonly declared: Category[];
  readonly released: string[];
  /** Released but not declared: the difference. */
  readonly undeclared: string[];
  /** Declared but not released in the period. */
  readonly unused: Category[];
}

export interface PrivacyCheckResult {
  readonly ok: boolean;
  readonly checkedAt: string;
  readonly participants: ParticipantCheck[];
}

export async function privacyCheck(
  repos: Pick<Repositories, 'participants' | 'ledger'>,
  opts: { since?: Date; now?: Date } = {},
): Promise<PrivacyCheckResult> {
  const participants: ParticipantCheck[] = [];
  for (const p of await repos.participants.list()) {
    const since = opts.since ?? p.annex?.changedAt ?? null;
    const declared = declaredCategories(p);
    const released = await repos.ledger.categoriesReleased(p.id, since);
    participants.push({
      participantId: p.id,
      participant: p.name,
      annexDeclared: p.annex !== null,
      since: since?.toISOString() ?? null,
      declared,
      released,
      undeclared: released.filter((c) => !(declared as string[]).includes(c)),
      unused: declared.filter((c) => !released.includes(c)),
    });
  }
  return {
    ok: participants.every((p) => p.undeclared.length === 0),
    checkedAt: (opts.now ?? new Date()).toISOString(),
    participants,
  };
}
