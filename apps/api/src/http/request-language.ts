import { isLanguage, Language, negotiateLanguage } from '@huiqi/common';
import type { FastifyRequest } from 'fastify';

/**
 * The language a person reads this answer in: the signed-in user's preference (`PUT /me/preferences`),
 * else the `Accept-Language` header, else zh-CN. Works before authentication too (route 404s, bad JSON).
 */
export function languageOf(request: Pick<FastifyRequest, 'headers'> | undefined): Language {
  const preference = (request as { principal?: { language?: unknown } } | undefined)?.principal?.language;
  if (isLanguage(preference)) return preference;
  return negotiateLanguage(request?.headers?.['accept-language']);
}
