import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import formbody from "@fastify/formbody";
import swagger, { type FastifyStaticSwaggerOptions } from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { Authenticator } from "./auth.js";
import { malformedJson, toApiError } from "./error-mapping.js";
import { ApiError, ErrorCode } from "./errors.js";
import { logSerializers, redactUrl } from "./logging.js";
import { createOperationHandlers } from "./operations.js";
import { parseParams } from "./querystring.js";
import { allowedMethodsOf, registerOperations } from "./routes.js";
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
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
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
    clientErrorHandler: answerClientError,
    // A client that sends slowly cannot hold a connection: headers within 10 s, the whole request
    // within 30 s, checked every second (Node's default check runs every 30 s). Fastify's own
    // server, so its other settings (keepAliveTimeout 72 s) still apply.
    requestTimeout: 30_000,
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 1_000 },
  });
  app.server.on("connect", refuseConnect);

  app.setValidatorCompiler(createValidatorCompiler());
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, text, done) => {
    const body = typeof text === "string" ? text : text.toString("utf8");
    if (body.trim() === "") {
      done(null, undefined);
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

  const allowedMethods = allowedMethodsOf(options.spec);
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const allowed = allowedMethods(request.url);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header("allow", allowed.join(", "));
      sendError(
        reply,
        new ApiError(405, ErrorCode.methodNotAllowed, `Method ${request.method} is not allowed here.`),
      );
      return;
    }
    const path = redactUrl(request.url.split("?")[0] ?? "");
    sendError(reply, new ApiError(404, ErrorCode.routeNotFound, `No route for ${request.method} ${path}.`));
  });

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

/** Malformed HTTP never reaches Fastify's routing; answer it with the same error body. */
function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (!socket.writable || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const apiError =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new ApiError(431, ErrorCode.headersTooLarge, "Request headers are too large.")
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new ApiError(408, ErrorCode.requestTimeout, "The request was not received in time.")
        : new ApiError(400, ErrorCode.malformedBody, "Malformed HTTP request.");
  const head =
    Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString("latin1") === "HEAD ";
  endWithError(socket, apiError, head);
}

/** CONNECT is not part of this API; Node would otherwise drop the connection without an answer. */
function refuseConnect(_request: unknown, socket: Socket): void {
  endWithError(
    socket,
    new ApiError(405, ErrorCode.methodNotAllowed, "Method CONNECT is not allowed here."),
    false,
  );
}

/** Writes a whole error response straight to the socket and closes it; a HEAD answer has no body. */
function endWithError(socket: Socket, apiError: ApiError, head: boolean): void {
  const body = JSON.stringify(apiError.toBody());
  socket.end(
    `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status] ?? "Error"}\r\n` +
      "Content-Type: application/json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      (head ? "" : body),
  );
  // The socket is outside the server's bookkeeping now (CONNECT) or about to be: a client that
  // never closes its side must not keep it, or shutdown, waiting.
  socket.setTimeout(2_000, () => socket.destroy());
}
