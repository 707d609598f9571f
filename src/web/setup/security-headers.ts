/**
 * Security headers (helmet) with a strict Content Security Policy. govuk-frontend's template has one
 * inline script, which it marks with `cspNonce`: helmet makes a fresh nonce per response and the
 * views pass it to the template. Everything else — styles, scripts, fonts, images — comes from this app.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function setUpSecurityHeaders(app: FastifyInstance, production: boolean): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
