import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from '../cookies';

/**
 * "Known device" cookie: set after a successful login, bound to the account, HMAC-signed with the
 * session secret. It lets the owner's own browser past the account-wide throttle that an attacker's
 * guessing triggers (see LoginService). Holds no personal data: a random id and a keyed account hash.
 */
export const DEVICE_COOKIE = 'leerpoort.device';
const MAX_AGE_MS = 180 * 24 * 3600 * 1000;

export class KnownDevices {
  constructor(
    private readonly secret: string,
    private readonly secure: boolean,
  ) {}

  private mac(value: string): string {
    return crypto.createHmac('sha256', this.secret).update(`known-device\u0000${value}`).digest('base64url');
  }

  private accountTag(username: string): string {
    return this.mac(`account\u0000${username.trim().toLowerCase()}`).slice(0, 16);
  }

  /** The device id, when the request carries a valid cookie issued for this username. */
  deviceFor(req: Request, username: string): string | null {
    const raw = readCookie(req, DEVICE_COOKIE);
    if (!raw) return null;
    const [id, tags, mac] = decodeURIComponent(raw).split('.');
    if (!id || tags === undefined || !mac) return null;
    const expected = this.mac(`${id}.${tags}`);
    if (expected.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return null;
    return tags.split('~').includes(this.accountTag(username)) ? id : null;
  }

  /** Issues (or extends) the cookie after a successful login; keeps up to 5 accounts per browser. */
  remember(req: Request, res: Response, username: string): void {
    const raw = readCookie(req, DEVICE_COOKIE);
    let id = crypto.randomBytes(16).toString('base64url');
    let tags: string[] = [];
    if (raw) {
      const [oldId, oldTags, mac] = decodeURIComponent(raw).split('.');
      if (oldId && oldTags !== undefined && mac && this.mac(`${oldId}.${oldTags}`) === mac) {
        id = oldId;
        tags = oldTags.split('~').filter(Boolean);
      }
    }
    const tag = this.accountTag(username);
    tags = [tag, ...tags.filter((t) => t !== tag)].slice(0, 5);
    const value = `${id}.${tags.join('~')}`;
    res.cookie(DEVICE_COOKIE, `${value}.${this.mac(value)}`, {
      httpOnly: true,
      secure: this.secure,
      sameSite: 'lax',
      maxAge: MAX_AGE_MS,
      path: '/login',
    });
  }
}
