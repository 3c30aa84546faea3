import { ValidationError } from '../errors';

/** Hosts only this machine reaches: plain http to them never crosses a network. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The one rule for where the hub sends a browser or a message to a participant (SAML ACS and SLO
 * endpoints, an upstream IdP's SSO URL, OIDC redirect and logout URIs): an absolute https URL without
 * credentials. Plain http is allowed only where the caller says so — outside production (the demo
 * publisher, test SPs and clients) — and then only on a loopback host, which no one else can reach.
 */
export function checkEndpointUrl(location: string, what: string, httpOnLoopback = false): URL {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new ValidationError(`${what}: '${location}' is not a valid URL`);
  }
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && httpOnLoopback)) {
    throw new ValidationError(
      `${what}: '${location}' must use https${loopback && url.protocol === 'http:' ? ' (plain http on loopback only outside production)' : ''}`,
    );
  }
  if (url.username || url.password) throw new ValidationError(`${what}: '${location}' must not contain credentials`);
  return url;
}
