import path from 'node:path';
import nunjucks from 'nunjucks';

/**
 * Server-rendered pages (nunjucks, autoescape on: every interpolation is HTML-escaped). Templates live
 * in src/web/views and are read from there at run time (tsc does not copy them).
 */
const VIEWS_DIR = path.resolve(__dirname, '../../../src/web/views');

export const views = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
});

export function render(name: string, context: Record<string, unknown>): string {
  return views.render(name, context);
}
