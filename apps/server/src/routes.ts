import type { OperationId } from "@stream-tokens/api-types";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Authenticator } from "./auth.js";
import { ApiError, ErrorCode } from "./errors.js";
import { maskSecrets } from "./logging.js";
import type { OperationHandlers, OperationInput, OperationResult } from "./operations.js";
import type { JsonSchema, LoadedSpec, SpecOperation, SpecParameter } from "./spec.js";
import type { Principal } from "./store.js";
import { type EpochMicros, toEpochMicros } from "./time.js";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteContext {
  spec: LoadedSpec;
  handlers: OperationHandlers;
  authenticator: Authenticator;
  now: () => Date;
}

/** Registers one Fastify route per operation of the spec, validated by the spec's own schemas. */
export function registerOperations(app: FastifyInstance, context: RouteContext): void {
  const served = new Set<string>();
  app.decorateRequest("principal", null);
  for (const operation of context.spec.operations) {
    const id = operation.operationId;
    if (!isOperationId(id, context.handlers)) {
      throw new Error(`the spec's operation ${id} has no handler: regenerate api-types and add one`);
    }
    served.add(id);
    registerOperation(app, operation, id, context);
  }
  const missing = Object.keys(context.handlers).filter((id) => !served.has(id));
  if (missing.length > 0) throw new Error(`handlers without an operation in the spec: ${missing.join(", ")}`);
}

function registerOperation<K extends OperationId>(
  app: FastifyInstance,
  operation: SpecOperation,
  id: K,
  context: RouteContext,
): void {
  app.route({
    method: operation.method,
    url: toFastifyPath(operation.specPath),
    schema: routeSchemaOf(operation),
    onRequest: (request, _reply, done) => {
      try {
        request.principal = context.authenticator.authenticate(request.headers, request.ip);
        refuseUnsupportedMediaType(operation, request);
        done();
      } catch (error) {
        done(asError(error));
      }
    },
    handler: (request, reply) => {
      // Validation skips an absent body, so a required one is checked here, before any handler.
      if (operation.bodyRequired && request.body === undefined) throw missingBody(operation);
      const principal = request.principal;
      if (principal === null) throw new Error("an operation ran without a principal");
      const result = invoke(context.handlers, id, {
        principal,
        // The route's schemas (the spec's) validated these before the handler runs.
        query: request.query as OperationInput<K>["query"],
        params: request.params as OperationInput<K>["params"],
        body: request.body as OperationInput<K>["body"],
        now: toEpochMicros(context.now()) satisfies EpochMicros,
      });
      // Reads answer synchronously; writes may wait for a lock (see lock-wait.ts).
      return result instanceof Promise ? result.then((settled) => send(reply, settled)) : send(reply, result);
    },
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function invoke<K extends OperationId>(
  handlers: OperationHandlers,
  id: K,
  input: OperationInput<K>,
): OperationResult<K> | Promise<OperationResult<K>> {
  const handler: (input: OperationInput<K>) => OperationResult<K> | Promise<OperationResult<K>> =
    handlers[id];
  return handler(input);
}

function send(
  reply: FastifyReply,
  result: { status: number; body: unknown; headers?: Record<string, string> },
) {
  reply.code(result.status);
  if (result.headers) reply.headers(result.headers);
  return result.status === 204 ? reply.send() : reply.send(result.body);
}

function isOperationId(id: string, handlers: OperationHandlers): id is OperationId {
  return Object.hasOwn(handlers, id);
}

/** `/v1/streams/tokens/{id_or_key}/` -> `/v1/streams/tokens/:id_or_key/` */
export function toFastifyPath(specPath: string): string {
  return specPath.replace(/\{([^}]+)\}/g, ":$1");
}

function routeSchemaOf(operation: SpecOperation): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  const path = operation.parameters.filter((p) => p.in === "path");
  const query = operation.parameters.filter((p) => p.in === "query");
  if (path.length > 0) schema.params = objectSchemaOf(path);
  if (query.length > 0 || Object.keys(operation.queryKeywords).length > 0) {
    // The parameters' own keywords win over x-query-schema's: its properties are the parameters.
    schema.querystring = { ...operation.queryKeywords, ...objectSchemaOf(query) };
  }
  if (operation.bodyContent.size > 0) {
    const content: Record<string, { schema: JsonSchema }> = {};
    for (const [mediaType, bodySchema] of operation.bodyContent) content[mediaType] = { schema: bodySchema };
    schema.body = { content };
  }
  // Success bodies are serialized by fast-json-stringify compiled from the spec's schemas.
  if (operation.successBodies.size > 0) schema.response = Object.fromEntries(operation.successBodies);
  return schema;
}

function objectSchemaOf(parameters: SpecParameter[]): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

function refuseUnsupportedMediaType(operation: SpecOperation, request: FastifyRequest): void {
  if (operation.bodyContent.size === 0 || !hasBody(request)) return;
  const encoding = String(request.headers["content-encoding"] ?? "identity")
    .trim()
    .toLowerCase();
  if (encoding !== "identity") {
    throw new ApiError(
      415,
      ErrorCode.unsupportedContentEncoding,
      "Content-Encoding is not supported here: send the body unencoded.",
    );
  }
  const header = request.headers["content-type"] ?? "";
  const mediaType = (header.split(";")[0] ?? "").trim().toLowerCase();
  if (operation.bodyContent.has(mediaType)) return;
  const accepted = [...operation.bodyContent.keys()].join(", ");
  const shown = mediaType === "" ? "none" : maskSecrets(mediaType.slice(0, 100));
  throw new ApiError(
    415,
    ErrorCode.unsupportedMediaType,
    `Unsupported media type: ${shown}. Send ${accepted}.`,
  );
}

function hasBody(request: FastifyRequest): boolean {
  if (request.headers["transfer-encoding"] !== undefined) return true;
  const length = request.headers["content-length"];
  return length !== undefined && length !== "0";
}

function missingBody(operation: SpecOperation): ApiError {
  const required = new Set<string>();
  for (const schema of operation.bodyContent.values()) {
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) if (typeof name === "string") required.add(name);
    }
  }
  const names = required.size > 0 ? [...required] : ["body"];
  return new ApiError(
    400,
    ErrorCode.validation,
    "Invalid request: the request body is required.",
    names.map((name) => ({ name, message: "is required", error_code: ErrorCode.validation })),
  );
}

/** A route outside the spec (health, the spec file, the docs): its path and methods. */
export interface ServiceRoute {
  pattern: RegExp;
  methods: readonly string[];
}

/**
 * The methods allowed on a path, for 405 answers: the spec's operations and the service routes;
 * empty when no path matches.
 */
export function allowedMethodsOf(
  spec: LoadedSpec,
  serviceRoutes: readonly ServiceRoute[],
): (url: string) => string[] {
  const matchers = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const operation of spec.operations) {
    let matcher = matchers.get(operation.specPath);
    if (!matcher) {
      const body = operation.specPath
        .replace(/\/+$/, "")
        .split(/\{[^}]+\}/)
        .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
        .join("[^/]+");
      matcher = { pattern: new RegExp(`^${body}/?$`), methods: new Set() };
      matchers.set(operation.specPath, matcher);
    }
    matcher.methods.add(operation.method);
    if (operation.method === "GET") matcher.methods.add("HEAD");
  }
  const routes = [
    ...matchers.values(),
    ...serviceRoutes.map(({ pattern, methods }) => ({ pattern, methods })),
  ];
  return (url) => {
    const path = url.split("?")[0] ?? "";
    for (const { pattern, methods } of routes) if (pattern.test(path)) return [...methods];
    return [];
  };
}
