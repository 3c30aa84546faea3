import type { Request } from 'express';

/** The raw value of one cookie of the request (express has no cookie parser mounted; signing is ours). */
export function readCookie(req: Request, name: string): string | undefined {
  return (req.get('cookie') ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}
