import { getTranslations } from "next-intl/server";

type Json = { [key: string]: unknown };
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Json };

/**
 * A schema as people read it: its JSON, with references left as the names of the schemas below. A
 * long line scrolls sideways, which the keyboard can do too (the region takes the focus).
 */
export function SchemaBlock({ label, schema }: { label: string; schema: unknown }) {
  const text = JSON.stringify(schema, null, 2).replaceAll('"#/components/schemas/', '"#');
  return (
    <pre role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
      {text}
    </pre>
  );
}

/** One operation of the OpenAPI document: method and path, what it does, its parameters, body and response. */
export async function Endpoint({ method, path, operation }: { method: string; path: string; operation: Json }) {
  const t = await getTranslations("apiReference");
  const parameters = (operation.parameters as Parameter[]).filter((parameter) => parameter.in !== "header");
  const groups = [
    { title: t("pathParameters"), list: parameters.filter((parameter) => parameter.in === "path") },
    { title: t("queryParameters"), list: parameters.filter((parameter) => parameter.in === "query") },
  ].filter((group) => group.list.length > 0);
  const body = (operation.requestBody as { content: { "application/json": { schema: Json } } } | undefined)?.content["application/json"]
    .schema;
  const [status, response] = Object.entries(
    operation.responses as Record<string, { description: string; content?: { "application/json"?: { schema: Json } } }>,
  )[0]!;
  return (
    <section aria-labelledby={`op-${operation.operationId}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h3 id={`op-${operation.operationId}`} className="font-mono text-base font-semibold">
        <span className="mr-2 rounded bg-brand-50 px-2 py-0.5 text-brand-800">{method.toUpperCase()}</span> /api/v1{path}
      </h3>
      <p className="font-medium">{String(operation.summary)}</p>
      <p className="text-sm text-slate-700">{String(operation.description)}</p>
      <p className="text-sm text-slate-600">{t("scope", { scope: String(operation["x-scope"]) })}</p>
      {groups.map((group) => (
        <div key={group.title}>
          <h4 className="text-sm font-semibold">{group.title}</h4>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {group.list.map((parameter) => (
              <li key={parameter.name}>
                <code>{parameter.name}</code> {parameter.required && <span className="text-slate-600">({t("required")})</span>}{" "}
                <code className="text-xs break-all text-slate-600">{JSON.stringify(parameter.schema)}</code>
                {parameter.description && <span> — {parameter.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {body && (
        <div>
          <h4 className="text-sm font-semibold">{t("requestBody")}</h4>
          <SchemaBlock label={`${operation.operationId}: ${t("requestBody")}`} schema={body} />
        </div>
      )}
      <div>
        <h4 className="text-sm font-semibold">{t("response", { status })}</h4>
        <p className="text-sm text-slate-700">{response.description}</p>
        {response.content?.["application/json"] && (
          <SchemaBlock
            label={`${operation.operationId}: ${t("response", { status })}`}
            schema={response.content["application/json"].schema}
          />
        )}
      </div>
    </section>
  );
}
