import { SamlRequestError } from '../domain/errors';
import type { IdpContext } from './idp-context';

/**
 * A protocol flow is an ordered table of small single-purpose steps (after node-oidc-provider's
 * authorization actions). A step either returns an outcome, which ends the flow, or nothing, and the
 * next step runs. A step that finds the message unacceptable throws SamlRequestError.
 */
export interface Step<S, O> {
  readonly name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a step that returns nothing lets the flow go on to the next step
  run(ctx: IdpContext, state: S): O | void | Promise<O | void>;
}

export const step = <S, O>(name: string, run: Step<S, O>['run']): Step<S, O> => ({ name, run });

/**
 * Runs the steps in order until one returns an outcome; `refuse` turns a SamlRequestError into one.
 * Undefined when every step ran without deciding (a partial table, e.g. only the checks).
 */
export async function runSteps<S, O>(
  steps: readonly Step<S, O>[],
  ctx: IdpContext,
  state: S,
  refuse: (e: SamlRequestError, state: S) => O | Promise<O>,
): Promise<O | undefined> {
  for (const s of steps) {
    // biome-ignore lint/suspicious/noConfusingVoidType: what a step returns (see Step.run)
    let outcome: O | void;
    try {
      outcome = await s.run(ctx, state);
    } catch (e) {
      if (e instanceof SamlRequestError) return refuse(e, state);
      throw e;
    }
    if (outcome !== undefined) return outcome;
  }
  return undefined;
}
