import { Router } from 'express';
import type { ParticipantService } from '../domain/licensing/participant.service';
import type { Repositories } from '../domain/ports';
import { callerOf } from './auth';
import { parse, productBody } from './validation';

/** The participant's own products (portal tiles); icons are fetched by the hub when given. */
export function productRoutes(deps: { repos: Pick<Repositories, 'products'>; participants: ParticipantService }): Router {
  const router = Router();

  router.get('/products', async (_req, res) => {
    res.json({ products: await deps.repos.products.listByParticipant(callerOf(res).participant.id) });
  });

  router.post('/products', async (req, res) => {
    const { participant, clientId } = callerOf(res);
    const product = await deps.participants.addProductFor(participant, parse(productBody, req.body, 'body'), { type: 'sp', id: clientId });
    res.status(201).json({ product });
  });

  router.patch('/products/:productId', async (req, res) => {
    const { participant, clientId } = callerOf(res);
    res.json({
      product: await deps.participants.updateProduct(
        participant,
        String(req.params.productId),
        parse(productBody.partial(), req.body, 'body'),
        { type: 'sp', id: clientId },
      ),
    });
  });

  return router;
}
