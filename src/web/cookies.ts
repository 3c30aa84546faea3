import type { CookieOptions, Request } from 'express';

/** The raw value of one cookie of the request (express has no cookie parser mounted; signing is ours). */
export function readCookie(req: Request, name: string): string | undefined {
  return (req.get('cookie') ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/**
 * A choice the login pages remember on this device (which school): a school id, nothing personal, only
 * sent to the login pages. One definition, so every such cookie has the attributes of the README's
 * cookie table. Clearing it takes the same options without the lifetime.
 */
export function loginChoiceCookie(secure: boolean): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'lax', maxAge: 365 * 86_400_000, path: '/login' };
}
