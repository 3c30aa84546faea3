import type { Request } from 'express';
import type { IdpContext } from '../../saml/idp-context';
import { type IssueRequest, type IssueResult, issueResponse } from '../../saml/issue-response';
import { saveSession } from '../session';

/**
 * Issues a Response for the session's logged-in user (SP- or IdP-initiated alike): reuses the session's
 * SessionIndex for that SP and remembers a new SP for Single Logout. An unchanged session is not written.
 */
export async function issueForSession(ctx: IdpContext, req: Request, request: Omit<IssueRequest, 'sessionIndex'>): Promise<IssueResult> {
  const auth = req.session.auth!;
  const existing = req.session.samlSessions?.find((s) => s.spEntityId === request.sp.entityId && s.nameIdFormat === request.nameIdFormat);
  const result = await issueResponse(ctx, { ...request, sessionIndex: existing?.sessionIndex }, { credentialId: auth.credentialId, personId: auth.personId, authnInstant: new Date(auth.authnInstant) });
  if (result.kind === 'response' && !existing) {
    req.session.samlSessions = [...(req.session.samlSessions ?? []), result.entry];
    await saveSession(req);
  }
  return result;
}
