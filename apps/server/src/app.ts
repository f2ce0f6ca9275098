import formbody from "@fastify/formbody";
import swagger, { type FastifyStaticSwaggerOptions } from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { Authenticator } from "./auth.js";
import { ConnectionGuard, type ConnectionLimits } from "./connections.js";
import { malformedJson, toApiError } from "./error-mapping.js";
import { ApiError, ErrorCode } from "./errors.js";
import { logSerializers, maskSecrets } from "./logging.js";
import { createOperationHandlers } from "./operations.js";
import { parseParams } from "./querystring.js";
import { answerClientError, refuseConnect, refuseExpectation, SECURITY_HEADERS } from "./raw-answers.js";
import { allowedMethodsOf, registerOperations, type ServiceRoute } from "./routes.js";
import { isObject, type LoadedSpec } from "./spec.js";
import type { Store } from "./store.js";
import { createValidatorCompiler } from "./validation.js";

/** Request bodies of this API are a few bytes; anything above this is refused with 413. */
const BODY_LIMIT_BYTES = 16 * 1024;

export interface AppOptions {
  store: Store;
  spec: LoadedSpec;
  now: () => Date;
  logger: boolean;
  logStream?: NodeJS.WritableStream | undefined;
  authFailuresPerMinute: number;
  connections: ConnectionLimits;
}

/** Routes outside the spec, for 405 answers with `Allow`. */
const SERVICE_ROUTES: readonly ServiceRoute[] = [
  { pattern: /^\/healthz\/?$/, methods: ["GET", "HEAD"] },
  { pattern: /^\/openapi\.yaml$/, methods: ["GET", "HEAD"] },
  { pattern: /^\/docs(\/.*)?$/, methods: ["GET", "HEAD"] },
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  let guard: ConnectionGuard | undefined;
  const app = Fastify({
    logger: options.logger
      ? {
          level: "info",
          serializers: logSerializers,
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    routerOptions: {
      ignoreTrailingSlash: true,
      // Long ids/keys reach the spec's maxLength check (400) instead of falling out of the router.
      maxParamLength: 2048,
      querystringParser: parseParams,
    },
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: false,
    frameworkErrors: (error, _request, reply) => {
      sendError(reply, toApiError(error));
    },
    clientErrorHandler: (error, socket) => {
      if (guard === undefined) socket.destroy();
      else answerClientError(guard, error, socket);
    },
    // A client that sends slowly cannot hold a connection: headers within 10 s, the whole request
    // within 30 s, checked every second (Node's default check runs every 30 s). An idle connection
    // is closed after idleTimeoutMs (see ConnectionGuard for one that never sends a request).
    requestTimeout: 30_000,
    keepAliveTimeout: options.connections.idleTimeoutMs,
    // A request without Host is answered by answerUnrouted, with the error body.
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 1_000, requireHostHeader: false },
  });
  guard = new ConnectionGuard(app.server, options.connections);
  app.server.prependListener("request", (_request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  });
  app.server.on("checkExpectation", refuseExpectation);

  app.setValidatorCompiler(createValidatorCompiler());
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, text, done) => {
    const body = typeof text === "string" ? text : text.toString("utf8");
    // An empty JSON body is an object without fields: a create makes a temporary token.
    if (body.trim() === "") {
      done(null, {});
      return;
    }
    try {
      done(null, JSON.parse(body, refusePrototypeKeys));
    } catch (error) {
      done(error instanceof ApiError ? error : malformedJson(), undefined);
    }
  });
  await app.register(formbody, { parser: parseParams, bodyLimit: BODY_LIMIT_BYTES });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, "request failed");
    sendError(reply, apiError);
  });

  const allowedMethods = allowedMethodsOf(options.spec, SERVICE_ROUTES);
  const everyMethod = [...new Set(options.spec.operations.map((operation) => operation.method))];
  app.server.on("connect", (_request, socket) => refuseConnect([...everyMethod, "HEAD"], socket));
  const answerUnrouted = (request: FastifyRequest, reply: FastifyReply): void => {
    const allowed = allowedMethods(request.url);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header("allow", allowed.join(", "));
      sendError(
        reply,
        new ApiError(
          405,
          ErrorCode.methodNotAllowed,
          `Method ${maskSecrets(request.method)} is not allowed here.`,
        ),
      );
      return;
    }
    const path = maskSecrets(request.url.split("?")[0] ?? "");
    const method = maskSecrets(request.method);
    sendError(reply, new ApiError(404, ErrorCode.routeNotFound, `No route for ${method} ${path}.`));
  };
  // Before any body is read: a request no route takes is answered 404/405 whatever its method
  // (Fastify would first refuse a bodiless QUERY with 400) and whatever body it carries.
  app.addHook("onRequest", (request, reply, done) => {
    if (request.raw.httpVersion === "1.1" && request.headers.host === undefined) {
      sendError(reply, new ApiError(400, ErrorCode.malformedBody, "The request has no Host header."));
      return;
    }
    if (request.is404) {
      answerUnrouted(request, reply);
      return;
    }
    done();
  });
  app.setNotFoundHandler(answerUnrouted);

  registerOperations(app, {
    spec: options.spec,
    handlers: createOperationHandlers(options.store),
    authenticator: new Authenticator(options.store, options.authFailuresPerMinute, () =>
      options.now().getTime(),
    ),
    now: options.now,
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/openapi.yaml", async (_request, reply) =>
    reply.type("application/yaml; charset=utf-8").send(options.spec.text),
  );
  await app.register(swagger, { mode: "static", specification: { document: openApiDocument(options.spec) } });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  return app;
}

type OpenApiDocument = Extract<
  FastifyStaticSwaggerOptions["specification"],
  { document: unknown }
>["document"];

/** The document loadSpec already parsed, for the docs: the spec file is read once. */
function openApiDocument(spec: LoadedSpec): OpenApiDocument {
  const document: unknown = spec.document;
  if (!isOpenApiDocument(document)) throw new Error(`${spec.path} is not an OpenAPI 3 document`);
  return document;
}

function isOpenApiDocument(value: unknown): value is OpenApiDocument {
  return (
    isObject(value) &&
    typeof value.openapi === "string" &&
    value.openapi.startsWith("3.") &&
    isObject(value.info) &&
    typeof value.info.title === "string" &&
    typeof value.info.version === "string" &&
    isObject(value.paths)
  );
}

/** JSON.parse reviver: `__proto__` and `constructor.prototype` keys are refused, as Fastify does. */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (
    key === "__proto__" ||
    (key === "constructor" && typeof value === "object" && value !== null && "prototype" in value)
  ) {
    throw new ApiError(400, ErrorCode.validation, "Invalid request.", [
      { name: key, message: "is not an accepted property name", error_code: ErrorCode.validation },
    ]);
  }
  return value;
}

function sendError(reply: FastifyReply, error: ApiError): void {
  reply.code(error.status).headers(error.headers).send(error.toBody());
}
