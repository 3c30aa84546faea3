import type { Response } from 'express';
import { sendMessagePage } from '../pages';

/** Login refusals every login method shares, in Dutch first and English. */
export const MESSAGES = Object.freeze({
  throttled: (seconds: number) => `Te veel mislukte pogingen. Probeer het over ${seconds} seconden opnieuw. / Too many failed attempts; try again in ${seconds} seconds.`,
  wrongPictures: 'Dat waren niet de goede plaatjes. Probeer het nog eens. / Those were not the right pictures; try again.',
});

export function sendOutsideNetworkPage(res: Response): void {
  sendMessagePage(res, 403, {
    heading_nl: 'Inloggen kan alleen op school',
    heading_en: 'You can only log in at school',
    text_nl: 'Je school heeft thuistoegang niet aangezet. Daarom kun je alleen inloggen vanaf het netwerk van je school. Vraag je juf of meester als je thuis wilt werken.',
    text_en: "Your school has not turned on home access, so you can only log in from your school's network. Ask your teacher if you want to work at home.",
  });
}

export function sendThrottledPage(res: Response, seconds: number): void {
  res.setHeader('Retry-After', String(seconds));
  sendMessagePage(res, 429, {
    heading_nl: 'Even wachten',
    heading_en: 'Please wait',
    text_nl: `Er is te vaak iets verkeerds geprobeerd. Probeer het over ${seconds} seconden opnieuw.`,
    text_en: `There were too many wrong attempts. Try again in ${seconds} seconds.`,
  });
}
