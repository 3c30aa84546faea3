import { z } from 'zod';
import { ValidationError } from '../domain/errors';

/** Query strings and bodies are checked against a schema; unknown fields and bad values are 400 with the reason. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new ValidationError(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
  return r.data;
}

export const MAX_PAGE = 500;

export const paging = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    changedSince: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const sinceQuery = z.object({ since: z.iso.datetime({ offset: true }) }).strict();

export const productBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    method: z.string().trim().max(200).nullable().optional(),
    iconUrl: z
      .url({ protocol: /^https$/ })
      .nullable()
      .optional(),
    launchUrl: z
      .url({ protocol: /^https$/ })
      .nullable()
      .optional(),
    isTeacherApp: z.boolean().optional(),
    isTestApp: z.boolean().optional(),
  })
  .strict();

export const userRefs = z
  .object({
    users: z
      .array(
        z.union([z.object({ sourcedId: z.string().min(1).max(100) }).strict(), z.object({ eckId: z.string().min(1).max(512) }).strict()]),
      )
      .min(1)
      .max(1000),
  })
  .strict();
