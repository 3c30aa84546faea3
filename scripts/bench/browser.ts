/** What a benchmark's simulated browser needs from a page: its cookies and its CSRF token. Shared by the benchmarks and load scripts. */

/** The cookie header after `res` (a fetch Response, or node:http's Set-Cookie list): the earlier cookies with those it set replacing theirs by name. */
export function cookieOf(res: Response | readonly string[], prior: string): string {
  const set = (Array.isArray(res) ? res : (res as Response).headers.getSetCookie()).map((c: string) => c.split(';')[0]!);
  const jar = new Map(prior ? prior.split('; ').map((c) => c.split('=', 2) as [string, string]) : []);
  for (const c of set) jar.set(c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1));
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The CSRF token of a form page, or undefined when the page has none (an error page). */
export function csrfOf(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}
