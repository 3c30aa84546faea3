import { domainToASCII } from 'node:url';
import { ValidationError } from '../errors';

/**
 * E-mail domains a school registers for its own IdP ("deschool.nl"): a login name at such a domain is
 * sent to that IdP instead of being asked for a hub password. The decision rests on the domain alone —
 * never on whether a hub account of that name exists — so the login form tells nobody which accounts
 * exist. A domain belongs to at most one school (the table's primary key).
 */

/** Mailbox providers anyone can get an address at: no school owns them, so none may claim one. */
const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.nl',
  'hotmail.com',
  'hotmail.nl',
  'live.com',
  'live.nl',
  'msn.com',
  'icloud.com',
  'me.com',
  'yahoo.com',
  'ziggo.nl',
  'kpnmail.nl',
  'planet.nl',
  'home.nl',
  'xs4all.nl',
  'upcmail.nl',
  'proton.me',
  'protonmail.com',
  'yahoo.nl',
  'hotmail.be',
  'outlook.be',
  'telenet.be',
  'skynet.be',
  'hetnet.nl',
  'kpnplanet.nl',
  'casema.nl',
  'chello.nl',
  'tele2.nl',
  'online.nl',
  'quicknet.nl',
  'zeelandnet.nl',
  'caiway.nl',
  'solcon.nl',
  'gmx.net',
  'gmx.com',
  'gmx.de',
  'web.de',
  'aol.com',
  'mail.com',
  'yandex.com',
  'zoho.com',
]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The domain in the form it is stored and compared in (lower case, ASCII/punycode), or null when it is no hostname. */
function canonicalDomain(input: string): string | null {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  // Letters, digits, dots and hyphens only: domainToASCII parses like a URL host and would cut 'a.nl/x' to 'a.nl'.
  if (!trimmed || trimmed.length > 253 || !/^[\p{L}\p{M}\p{N}.-]+$/u.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed);
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TOP_LABEL.test(labels.at(-1)!)) return null;
  return ascii;
}

/** Checks and normalises a domain to register: a hostname of at least two labels, not a public mailbox provider. */
export function normaliseMailDomain(input: string): string {
  const domain = canonicalDomain(input);
  if (!domain)
    throw new ValidationError(`invalid e-mail domain '${input.slice(0, 80)}': expected a hostname such as deschool.nl (no @, no scheme)`);
  if (PUBLIC_MAIL_DOMAINS.has(domain))
    throw new ValidationError(`e-mail domain ${domain} is a public mailbox provider; a school can only register a domain of its own`);
  return domain;
}

/** Several domains: each checked, duplicates dropped, sorted (the stored order). */
export function normaliseMailDomains(inputs: readonly string[]): string[] {
  return [...new Set(inputs.map(normaliseMailDomain))].sort();
}

/**
 * The domain of a login name that is an e-mail address (`name@deschool.nl` → `deschool.nl`), else null.
 * Only the shape of the name counts; nothing is looked up.
 */
export function mailDomainOfLoginName(loginName: string): string | null {
  const name = loginName.trim();
  if (name.length > 254) return null;
  const at = name.indexOf('@');
  if (at < 1 || at !== name.lastIndexOf('@') || at > 64 || /\s/.test(name)) return null;
  return canonicalDomain(name.slice(at + 1));
}
