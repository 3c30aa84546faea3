/**
 * One pupil's or teacher's morning: a fresh browser logs in by their method, looks at the portal, then
 * opens 1–3 publishers' materials (SP-initiated SSO: the SP's signed HTTP-Redirect AuthnRequest, the hub
 * answering with the auto-posting form that carries the SAMLResponse), with the portal between them.
 * Every request is timed under its step kind; the first failure ends the journey and is counted by kind.
 */
import type crypto from 'node:crypto';
import { cookieOf, csrfOf } from '../bench/browser';
import { authnRequestPath, type BenchSp } from '../bench/saml-sp';
import { type Answer, HttpError, schoolAddress, send } from './http-client';
import type { Recorder } from './stats';
import type { LoadUser } from './seed';

export interface JourneyPlan {
  readonly user: LoadUser;
  /** Publishers to open, in order (indexes into the context's SPs). */
  readonly publishers: readonly number[];
  /** Pauses between the user's actions, in ms of real time (already divided by the time factor). */
  readonly thinkMs: readonly number[];
}

export interface JourneyContext {
  readonly base: URL;
  readonly sps: ReadonlyArray<{ sp: BenchSp; key: crypto.KeyObject }>;
  readonly recorder: Recorder;
  /** performance.now() after which journeys stop (the run is bounded in time). */
  readonly deadline: number;
}

export class StepFailure extends Error {}

/** A fresh browser: its own cookies, leaving from its school's address. */
export class Browser {
  private cookie = '';

  constructor(
    private readonly ctx: JourneyContext,
    private readonly address: string,
  ) {}

  async request(step: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Answer> {
    if (performance.now() > this.ctx.deadline) throw new StepFailure(`${step}: not sent, run past its time limit`);
    let answer: Answer;
    try {
      answer = await send(this.ctx.base, method, path, { cookie: this.cookie, form, localAddress: this.address });
    } catch (e) {
      throw new StepFailure(`${step}: ${e instanceof HttpError ? e.kind : String(e)}`);
    }
    this.cookie = cookieOf(answer.setCookie, this.cookie);
    this.ctx.recorder.step(step, answer.ms);
    return answer;
  }

  /** A page with a form: 200 and its CSRF token. */
  async form(step: string, path: string): Promise<string> {
    const a = await this.request(step, 'GET', path);
    if (a.status !== 200) throw new StepFailure(`${step}: HTTP ${a.status}`);
    const csrf = csrfOf(a.body);
    if (!csrf) throw new StepFailure(`${step}: page without a CSRF token`);
    return csrf;
  }

  /** A form post answered with a redirect to `to`. */
  async post(step: string, path: string, form: Record<string, string>, to: string): Promise<void> {
    const a = await this.request(step, 'POST', path, form);
    if (a.status !== 303) throw new StepFailure(`${step}: HTTP ${a.status}`);
    if (a.location !== to) throw new StepFailure(`${step}: redirected to ${a.location?.replace(/[0-9a-f-]{36}/g, '…')}`);
  }
}

/** A fresh login by the user's own method, ending on the portal's address. */
export async function login(b: Browser, u: LoadUser): Promise<void> {
  switch (u.method) {
    case 'password':
    case 'totp': {
      const csrf = await b.form('login.form', '/login');
      const form = { _csrf: csrf, username: u.username, password: u.password, return: '/portal' };
      if (u.method === 'password') return b.post('login.post', '/login', form, '/portal');
      await b.post('login.post', '/login', form, '/login/2fa');
      const csrf2 = await b.form('totp.form', '/login/2fa');
      return b.post('totp.post', '/login/2fa', { _csrf: csrf2, code: u.totp!.generate() }, '/portal');
    }
    case 'picture': {
      const group = await b.request('picture.group', 'GET', `/login/pictures/${u.schoolId}/groups/${u.groupId}`);
      if (group.status !== 200) throw new StepFailure(`picture.group: HTTP ${group.status}`);
      const page = `/login/pictures/${u.schoolId}/pupils/${u.personId}`;
      const csrf = await b.form('picture.form', page);
      return b.post('picture.post', page, { _csrf: csrf, sequence: u.sequence! }, '/portal');
    }
    case 'card': {
      const csrf = await b.form('card.form', '/login/card');
      return b.post('card.post', '/login/card', { _csrf: csrf, token: u.cardToken! }, '/portal');
    }
  }
}

export async function viewPortal(b: Browser): Promise<void> {
  const a = await b.request('portal', 'GET', '/portal');
  if (a.status !== 200) throw new StepFailure(`portal: HTTP ${a.status}`);
}

/** SP-initiated SSO to publisher `p`: a fresh signed AuthnRequest, answered with a SAMLResponse form. */
export async function openPublisher(b: Browser, ctx: JourneyContext, p: number): Promise<void> {
  const { sp, key } = ctx.sps[p]!;
  const a = await b.request('sso', 'GET', authnRequestPath(sp, `${ctx.base.origin}/saml/sso`, key));
  if (a.status !== 200) throw new StepFailure(`sso: HTTP ${a.status}`);
  if (!a.body.includes('name="SAMLResponse"')) throw new StepFailure('sso: 200 without a SAMLResponse');
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runJourney(plan: JourneyPlan, ctx: JourneyContext): Promise<void> {
  const b = new Browser(ctx, schoolAddress(plan.user.school));
  const think = plan.thinkMs[Symbol.iterator]();
  try {
    await login(b, plan.user);
    ctx.recorder.completed('login');
    await viewPortal(b);
    for (const p of plan.publishers) {
      await pause(think.next().value ?? 0);
      await openPublisher(b, ctx, p);
      ctx.recorder.completed('sso');
      await pause(think.next().value ?? 0);
      await viewPortal(b);
    }
  } catch (e) {
    ctx.recorder.totals.failedJourneys++;
    ctx.recorder.error(e instanceof StepFailure ? e.message : `unexpected: ${String(e)}`);
  } finally {
    ctx.recorder.totals.journeys++;
  }
}
