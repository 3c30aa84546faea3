import crypto from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import ipaddr from 'ipaddr.js';

/**
 * Who may read /metrics. Secure default: only a direct connection from loopback. A request that came
 * through a reverse proxy (any forwarding header) never counts as local — the proxy may run on this very
 * machine and forward the whole internet. Elsewhere a scraper presents METRICS_TOKEN as a bearer token.
 * Everyone else gets 404, as if nothing were there.
 */
export function metricsAccess(opts: { allow: readonly string[]; token: string | undefined }) {
  const ranges = opts.allow.map((c) => (c.includes('/') ? ipaddr.parseCIDR(c) : ipaddr.parseCIDR(`${c}/${c.includes(':') ? 128 : 32}`)));
  const tokenDigest = opts.token ? crypto.createHash('sha256').update(opts.token).digest() : null;
  return (req: Request): boolean => {
    const auth = req.get('authorization');
    if (tokenDigest && auth?.startsWith('Bearer ')) {
      const given = crypto.createHash('sha256').update(auth.slice('Bearer '.length)).digest();
      if (crypto.timingSafeEqual(given, tokenDigest)) return true;
    }
    if (req.get('x-forwarded-for') || req.get('forwarded') || req.get('x-real-ip')) return false;
    const remote = req.socket.remoteAddress;
    if (!remote || !ipaddr.isValid(remote)) return false;
    let addr = ipaddr.parse(remote);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
    return ranges.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits));
  };
}

/** GET /metrics: the Prometheus text; `text` gives this process's, or the whole cluster's (see cluster.ts). */
export function metricsRoutes(deps: { access: (req: Request) => boolean; text: () => Promise<string>; contentType: string }): Router {
  const router = Router();
  router.get('/metrics', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!deps.access(req)) return res.status(404).type('text/plain').send('Not found');
    res.type(deps.contentType).send(await deps.text());
  });
  return router;
}
