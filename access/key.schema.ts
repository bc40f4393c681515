// What a new key is made of, checked the same way by POST /v1/keys and `voc keys create`.
import { z } from 'zod';
import { roles } from '../core/http/access.ts';
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from './key-store.ts';

export const keyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'name says who or what uses the key').max(100).regex(/^[\p{L}\p{N} ._@-]+$/u, 'letters, digits, space, dot, dash, underscore, @'),
  role: z.enum(roles, { error: `role is one of ${roles.join(', ')}` }),
  expiresInDays: z.number().int().min(1).max(MAX_EXPIRY_DAYS).default(DEFAULT_EXPIRY_DAYS),
});
