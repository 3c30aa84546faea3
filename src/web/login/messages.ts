import type { Response } from 'express';
import { SUSPENDED_NOTICE } from '../../domain/misuse/suspension';
import { sendMessagePage } from '../pages';

/** Login refusals every login method shares, in Dutch first and English. */
export const MESSAGES = Object.freeze({
  throttled: (seconds: number) =>
    `Te veel mislukte pogingen. Probeer het over ${seconds} seconden opnieuw. / Too many failed attempts; try again in ${seconds} seconds.`,
  wrongPictures: 'Dat waren niet de goede plaatjes. Probeer het nog eens. / Those were not the right pictures; try again.',
  tooManyCodes: (seconds: number) =>
    `Te veel onjuiste codes. Probeer het over ${seconds} seconden opnieuw. / Too many wrong codes; try again in ${seconds} seconds.`,
  wrongCode: 'Onjuiste code. / Wrong code.',
  wrongCodeTryAgain: 'Onjuiste code; probeer het nog eens. / Wrong code; try again.',
  codeReplayed: 'Deze code is al gebruikt; wacht op de volgende. / This code was already used; wait for the next one.',
  alreadyEnrolled:
    'Dit account heeft al tweestapsverificatie. Vul de code uit je eigen authenticator-app in. / This account already has two-step verification. Enter the code from your own authenticator app.',
  /** The same answer for every login name that is not at a school's registered domain: no account oracle. */
  passwordMissing:
    'Vul ook je wachtwoord in. Log je in met het account van je school? Kies dan hieronder "Inloggen met je schoolaccount". / Enter your password too. Logging in with your school account? Choose "Log in with your school account" below.',
  schoolAccountUnknown:
    'Voor deze school kun je niet inloggen met een schoolaccount. Zoek je school opnieuw, of log in met je Leerpoort-gebruikersnaam. / You cannot log in with a school account for this school. Search for your school again, or log in with your Leerpoort username.',
  /** The school's IdP metadata is past its validUntil: its keys are no longer the school's word. Says why, and what works. */
  schoolAccountUnavailable:
    'Inloggen met je schoolaccount kan nu niet: de gegevens van de inlogdienst van je school zijn verlopen en de school moet ze vernieuwen. Log in met je Leerpoort-gebruikersnaam, of vraag de ICT-coördinator van je school. / Logging in with your school account is not possible now: the details of your school’s login service have expired and the school must renew them. Log in with your Leerpoort username, or ask your school’s ICT coordinator.',
  schoolSearchTooShort: 'Typ minstens 2 letters. / Type at least 2 letters.',
  schoolSearchNothing: (q: string) =>
    `Geen school met een eigen schoolaccount gevonden voor "${q}". Probeer een ander deel van de naam, de plaats of de BRIN-code. / No school with its own school account found for "${q}"; try another part of the name, the place or the BRIN code.`,
});

export function sendOutsideNetworkPage(res: Response): void {
  sendMessagePage(res, 403, {
    heading_nl: 'Inloggen kan alleen op school',
    heading_en: 'You can only log in at school',
    text_nl:
      'Je school heeft thuistoegang niet aangezet. Daarom kun je alleen inloggen vanaf het netwerk van je school. Vraag je juf of meester als je thuis wilt werken.',
    text_en:
      "Your school has not turned on home access, so you can only log in from your school's network. Ask your teacher if you want to work at home.",
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

/** A suspended school's user (agreement art. 12), whatever the login method: why, and whom to contact. */
export function sendSchoolSuspendedPage(res: Response): void {
  sendMessagePage(res, 403, {
    heading_nl: 'De toegang van je school is opgeschort',
    heading_en: "Your school's access has been suspended",
    text_nl: SUSPENDED_NOTICE.nl,
    text_en: SUSPENDED_NOTICE.en,
  });
}
