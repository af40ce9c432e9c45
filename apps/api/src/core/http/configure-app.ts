import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestExpressApplication, type NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';
import { requestContextMiddleware } from '../context/request-context';
import { verifyJsonDepth } from './json-depth';
import { requestLogMiddleware } from './request-log';
import { normalizeOpenApi } from './openapi-normalize';
import { PROBLEM_MODELS } from './problem.dto';
import { serveSpaAssets } from './spa-assets';
import { createValidationPipe } from './validation';
import { parseQuery } from '../custom-fields/custom-query';
import { withCustomFields } from '../custom-fields/custom-openapi';
import { CustomFieldsService } from '../custom-fields/custom-fields.service';

export const API_PREFIX = 'api/v1';

/** Everything main.ts, the tests and the OpenAPI script share: prefix, pipes, security headers, docs. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  // `custom.<key>=v` list filters arrive as one `custom` object (core/custom-fields)
  express.set('query parser', parseQuery);
  // the request id first, so every answer carries it
  app.use(requestContextMiddleware(config.defaultLocale, config.timezone));
  app.use(requestLogMiddleware(config.logRequests));
  app.use(noStoreApiResponses);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins,
    credentials: true,
    exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
  });
  serveSpaAssets(app, config.webDist);
  // the body parsers last: their errors (400, 413) leave with the request id, security and CORS headers
  const json = { limit: config.bodyLimit, type: ['application/json', 'application/*+json'], verify: verifyJsonDepth };
  // Nest's type leaves out `verify` (it sets it itself only for rawBody, which is off); the option reaches body-parser
  express.useBodyParser('json', json as NestExpressBodyParserOptionsFor<'json'>);
  express.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'docs', method: RequestMethod.ALL }] });
  app.useGlobalPipes(createValidationPipe());
  // built by the first /docs request, not at boot: the document (1.7 MB as YAML) is ~13 MB of heap few instances need
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Keyuan CRM API',
    // the live document types each kind's `custom` object with its current fields
    patchDocumentOnRequest: (_req, _res, doc) => withCustomFields(doc, app.get(CustomFieldsService)),
  });
}

/**
 * API answers carry customer data: no browser or proxy may store them (see README, Security). The ETag
 * stays, for If-Match; the SPA's static assets, served outside /api, keep their own caching.
 */
function noStoreApiResponses(req: Request, res: Response, next: NextFunction): void {
  if (req.originalUrl.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const cfg = new DocumentBuilder()
    .setTitle('Keyuan CRM API')
    .setDescription(
      'REST API of Keyuan (客源) CRM. All paths are under /api/v1. Authenticate with POST /auth/login and send ' +
        '`Authorization: Bearer <accessToken>`. Lists use keyset pagination (`limit`, `cursor`, `sort`, `q`) and answer ' +
        '`{ data, nextCursor, total, totalIsEstimate }`: `total` is exact up to 1,000 matches and PostgreSQL\'s estimate ' +
        'beyond (then `totalIsEstimate` is true), so a count never costs more than the page. Errors are RFC 9457 problem+json. PATCH/DELETE accept `If-Match` (or a body `version`) ' +
        'and answer 412 when stale; POST accepts `Idempotency-Key`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addServer('/')
    .build();
  const doc = SwaggerModule.createDocument(app, cfg, {
    extraModels: PROBLEM_MODELS,
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  describeAccess(doc);
  normalizeOpenApi(doc);
  return doc;
}

const TAGS: Record<string, string> = {
  auth: 'Login, token refresh and the current user',
  health: 'Liveness and database check',
  users: 'Staff accounts (admin)',
  departments: 'The department tree that data scopes follow (admin)',
  roles: 'Roles: per-module actions with a data scope (admin)',
  audit: 'Who changed what, with old and new values',
  leads: 'Leads (线索): capture, dedupe, scoring, assignment, pools, conversion; assignment rules and web forms',
  accounts: 'Accounts (客户): customer companies and individual customers',
  contacts: 'Contacts (联系人): people at accounts, with their opt-outs',
  pools: 'Pools (公海): ownerless leads and accounts members may claim',
  notifications: 'Your notifications',
  public: 'Unauthenticated endpoints for websites (web-to-lead)',
  search: 'One search over leads, accounts and contacts',
};

/** What every operation with a body can answer before its handler runs (body parsers, ContentTypeInterceptor). */
const BODY_PROBLEMS: Record<string, string> = {
  '400': 'Invalid input: `errors` lists each wrong field; or MALFORMED_JSON, or JSON_TOO_DEEP (objects/arrays nested deeper than 32 levels)',
  '413': 'PAYLOAD_TOO_LARGE: the body is larger than the server accepts',
  '415': 'UNSUPPORTED_MEDIA_TYPE: the body is not in a media type this operation reads',
};

function documentBodyProblems(op: Record<string, unknown>): void {
  const responses = op.responses as Record<string, unknown>;
  for (const [status, description] of Object.entries(BODY_PROBLEMS)) {
    responses[status] ??= { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } };
  }
}

/** Each operation's description says who may call it, from the permission decorators. */
function describeAccess(doc: OpenAPIObject): void {
  const used = new Set<string>();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as Array<Record<string, unknown>>) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      (op.tags as string[] | undefined)?.forEach((t) => used.add(t));
      const perm = op['x-required-permission'] as string | undefined;
      const special = op['x-required-special-permission'] as string | undefined;
      const access = op['x-public']
        ? 'No authentication required.'
        : [perm ? `Requires the \`${perm}\` permission` : 'Requires a signed-in user', special ? `and \`${special}\`` : '']
            .filter(Boolean)
            .join(' ') + '.';
      if (op['x-public']) op.security = [];
      if (op.requestBody) documentBodyProblems(op);
      op.description = [op.description, access].filter(Boolean).join('\n\n');
    }
  }
  doc.tags = [...used].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
}
