import crypto from 'node:crypto';
import type { Response } from 'express';
import type { Delivery } from '../saml/bindings/outbound';
import { render } from './views';

export interface MessagePage {
  heading_nl: string;
  heading_en: string;
  text_nl: string;
  text_en: string;
  errorId?: string;
  /** Where to go next ("try again"). */
  link?: { href: string; label: string };
  samlForm?: { action: string; field: string; value: string; relayState?: string; label: string };
}

/** A friendly Dutch/English page; with `samlForm` it offers a button that posts a SAML message to a verified endpoint. */
export function sendMessagePage(res: Response, status: number, page: MessagePage): void {
  if (page.samlForm) setFormCsp(res, page.samlForm.action, null);
  res
    .status(status)
    .type('html')
    .send(render('message.njk', { title: page.heading_nl, ...page }));
}

/**
 * The HTTP-POST binding page. It needs its own Content-Security-Policy: an inline script (allowed by a
 * per-response nonce) and the destination's origin in form-action.
 */
export function sendPostBinding(
  res: Response,
  form: { action: string; field: 'SAMLResponse' | 'SAMLRequest'; value: string; relayState?: string },
): void {
  const nonce = crypto.randomBytes(16).toString('base64');
  setFormCsp(res, form.action, nonce);
  res.setHeader('Cache-Control', 'no-store');
  res
    .status(200)
    .type('html')
    .send(render('post-binding.njk', { ...form, nonce }));
}

function setFormCsp(res: Response, action: string, nonce: string | null): void {
  const origin = new URL(action).origin;
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
      "style-src 'self' 'unsafe-inline'",
      `form-action ${origin}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
}

/** A SAML message on its way to an SP: a 303 to the signed redirect URL, or the auto-posting form. */
export function deliver(res: Response, delivery: Delivery): void {
  if (delivery.kind === 'redirect') res.redirect(303, delivery.url);
  else sendPostBinding(res, delivery);
}
