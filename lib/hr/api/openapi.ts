import { z } from "zod";
import { API_BASE, API_ROUTES } from "./registry";
import type { ApiRoute } from "./route";

type JsonSchema = { [key: string]: unknown };

/**
 * The OpenAPI 3.1 document, written from the route registry and the same zod schemas that validate
 * requests: a schema named with `.meta({ id })` becomes a component, everything else is inlined.
 */
export function openApiDocument(): JsonSchema {
  const components: Record<string, JsonSchema> = {};

  /** A schema's JSON Schema, with its named parts moved into the components. */
  const schemaOf = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
    const relinked = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
    Object.assign(components, relinked.$defs as Record<string, JsonSchema> | undefined);
    delete relinked.$defs;
    delete relinked.$schema;
    return relinked;
  };

  const parameters = (route: ApiRoute) => {
    const list: JsonSchema[] = [];
    for (const [where, schema] of [
      ["path", route.params],
      ["query", route.query],
    ] as const) {
      if (!schema) continue;
      const json = schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const { description, ...rest } = property;
        list.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), description, schema: rest });
      }
    }
    return list;
  };

  const problem = {
    description: "Problem details (RFC 9457).",
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  };

  const operation = (route: ApiRoute): JsonSchema => {
    const write = route.scope === "write";
    const headers = write
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: true,
            description: "Chosen by the client; the same for a retry.",
            schema: { type: "string", minLength: 1, maxLength: 255 },
          },
        ]
      : [];
    return {
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: [route.tag],
      "x-scope": route.scope,
      parameters: [...parameters(route), ...headers],
      ...(route.body && write
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body, "input") } } } }
        : {}),
      responses: {
        [String(route.response.status)]: {
          description: route.response.description,
          content: { "application/json": { schema: schemaOf(route.response.schema, "output") } },
        },
        "401": problem,
        ...(write ? { "400": problem, "403": problem, "409": problem, "422": problem } : { "422": problem }),
        ...(route.params ? { "404": problem } : {}),
        "429": { ...problem, headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the window ends." } } },
        "500": problem,
      },
    };
  };

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);

  components.Problem = {
    type: "object",
    required: ["type", "title", "status", "detail", "code"],
    properties: {
      type: { type: "string", format: "uri-reference" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      instance: { type: "string" },
      code: { type: "string", description: "Stable machine-readable code." },
      requestId: { type: "string", description: "Only for unexpected errors (500)." },
      errors: {
        type: "array",
        items: {
          type: "object",
          required: ["detail"],
          properties: {
            detail: { type: "string" },
            pointer: { type: "string", description: "JSON Pointer into the body." },
            parameter: { type: "string" },
          },
        },
      },
    },
  };

  return {
    openapi: "3.1.0",
    info: {
      title: "Cohort HR integration API",
      version: "1",
      description:
        "People, learning groups and their members, for HR systems. See /developers/api for authentication, idempotency, rate limits and errors.",
    },
    // Relative: the document is served from the API's own origin, whatever proxies put in front.
    servers: [{ url: API_BASE }],
    security: [{ apiKey: [] }],
    tags: [{ name: "People" }, { name: "Groups" }, { name: "Members" }, { name: "Assignments" }, { name: "Statistics" }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key created by an admin under Admin › API keys." },
      },
      schemas: components,
    },
  };
}
