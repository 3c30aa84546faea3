import path from 'node:path';
import { Router } from 'express';

/**
 * The few scripts the login pages use, served from our own origin (CSP script-src 'self'). A fixed list:
 * nothing else on disk is reachable. jsQR comes from its npm package, unmodified.
 */
const ASSETS_DIR = path.resolve(__dirname, '../../../src/web/assets');
const FILES: Record<string, string> = {
  'leerpoort.css': path.join(ASSETS_DIR, 'leerpoort.css'),
  'picture-login.js': path.join(ASSETS_DIR, 'picture-login.js'),
  'card-scan.js': path.join(ASSETS_DIR, 'card-scan.js'),
  'jsQR.js': require.resolve('jsqr/dist/jsQR.js'),
};

export function assetRoutes(): Router {
  const router = Router();
  router.get('/assets/:file', (req, res, next) => {
    const file = FILES[req.params.file];
    if (!file) return next();
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(file.endsWith('.css') ? 'text/css' : 'application/javascript').sendFile(file);
  });
  return router;
}
