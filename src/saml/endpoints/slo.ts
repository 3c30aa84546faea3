import { Router } from 'express';
import type { IdpContext } from '../idp-context';

export function sloRoutes(_ctx: IdpContext): Router {
  return Router();
}
