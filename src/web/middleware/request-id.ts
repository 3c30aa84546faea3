import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '../../logger';

/** A request id for every request: accepted from a proxy when it looks sane, else generated. */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    // Everything logged while answering (and in work this request starts) carries the id.
    requestContext.run({ requestId: id }, next);
  };
}
