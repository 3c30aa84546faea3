import express, { Router } from 'express';
import type { PupilLoginService } from '../../domain/identity/pupil-login.service';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { sendMessagePage } from '../pages';
import { render } from '../views';
import { finishPupilLogin } from './picture.routes';

const AGAIN = { href: '/login/card', label: 'Probeer opnieuw / Try again' };

/**
 * QR login cards: the camera page reads the card (jsQR in the browser, no upload of camera images) and
 * posts the token it holds; the same form takes a typed token (a card reader that types, or no camera).
 */
export function cardLoginRoutes(deps: { pupilLogin: PupilLoginService }): Router {
  const router = Router();

  router.get('/login/card', (req, res) => {
    res.type('html').send(render('card-login.njk', { title: 'Inloggen met je inlogkaart', csrf: csrfToken(req) }));
  });

  router.post('/login/card', express.urlencoded({ extended: false, limit: '2kb' }), requireCsrf, async (req, res) => {
    const token = String(req.body.token ?? '').slice(0, 200);
    const result = await deps.pupilLogin.cardLogin(token, {
      actor: { type: 'anonymous', id: 'card-login', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
      knownDevice: null,
    });
    await finishPupilLogin(req, res, result, 'card', () => {
      const reason = result.ok ? 'invalid' : result.reason;
      if (reason === 'revoked')
        return sendMessagePage(res, 403, {
          heading_nl: 'Deze inlogkaart werkt niet meer',
          heading_en: 'This login card no longer works',
          text_nl: 'Je juf of meester heeft deze kaart ingetrokken. Vraag om een nieuwe kaart.',
          text_en: 'Your teacher withdrew this card. Ask for a new one.',
          link: AGAIN,
        });
      if (reason === 'expired')
        return sendMessagePage(res, 403, {
          heading_nl: 'Deze inlogkaart is verlopen',
          heading_en: 'This login card has expired',
          text_nl: 'De kaart is te oud. Vraag je juf of meester om een nieuwe kaart.',
          text_en: 'The card is too old. Ask your teacher for a new one.',
          link: AGAIN,
        });
      return sendMessagePage(res, 401, {
        heading_nl: 'Deze kaart kennen we niet',
        heading_en: 'We do not know this card',
        text_nl: 'De code op de kaart klopt niet. Houd de kaart recht voor de camera of vraag je juf of meester om hulp.',
        text_en: 'The code on the card is not valid. Hold the card straight in front of the camera or ask your teacher.',
        link: AGAIN,
      });
    });
  });

  return router;
}
