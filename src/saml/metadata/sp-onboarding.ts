import { ValidationError } from '../../domain/errors';
import type { SpRegistrationInput } from '../../domain/federation/service-provider.service';
import { isAttributeName } from '../attributes';
import { type OperatorSpSettings, parseSpMetadata, registrationFromMetadata } from './sp-metadata';

export interface SpOnboardingOptions extends Omit<OperatorSpSettings, 'attributeAllowList'> {
  /** PEM certificate the metadata must be signed with. */
  readonly trustCertificate?: string;
  /** Comma-separated attribute names the SP may receive instead of its RequestedAttributes. */
  readonly attributes?: string;
  /** Plain-http endpoints on loopback (test and demo SPs on this machine); never in production. */
  readonly httpOnLoopback: boolean;
}

/**
 * Metadata → what the hub registers, with the operator's settings: one home for `sp add` and the
 * console's SP form. Refuses unknown attribute names before anything is stored.
 */
export function spRegistrationFromMetadata(
  xml: string,
  o: SpOnboardingOptions,
): { registration: SpRegistrationInput; signatureVerified: boolean } {
  const parsed = parseSpMetadata(xml, { trustCertificate: o.trustCertificate, httpOnLoopback: o.httpOnLoopback });
  const allow =
    o.attributes
      ?.split(',')
      .map((a) => a.trim())
      .filter(Boolean) ?? null;
  const unknown = allow?.filter((a) => !isAttributeName(a)) ?? [];
  if (unknown.length) throw new ValidationError(`unknown attribute name(s): ${unknown.join(', ')}`);
  const settings: OperatorSpSettings = {
    attributeAllowList: allow,
    signResponse: o.signResponse ?? true,
    encryptAssertion: !!o.encryptAssertion,
    allowUnsolicited: !!o.allowUnsolicited,
  };
  return { registration: registrationFromMetadata(xml, parsed, settings), signatureVerified: parsed.signatureVerified };
}
