import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Endpoint, SchemaBlock } from "@/components/hr/api/endpoint";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/current-user";
import { DEFAULT_RATE_LIMIT } from "@/lib/hr/api/auth";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/hr/api/cursor";
import { openApiDocument } from "@/lib/hr/api/openapi";
import { MAX_JSON_DEPTH } from "@/lib/http/json-depth";
import type { ApiProblemCode } from "@/lib/hr/api/problem";
import en from "@/lib/i18n/messages/en.json";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiReference"))("title") };
}

type Json = { [key: string]: unknown };

/** The values a problem's sentence names, as a typical answer would have them. */
const PROBLEM_EXAMPLE_VALUES = { limit: DEFAULT_RATE_LIMIT.limit, seconds: 30, max: MAX_JSON_DEPTH, requestId: "…" };

/**
 * The API reference, written from the same OpenAPI document the API serves (and so from the route
 * registry and its schemas): it cannot describe an endpoint that does not exist.
 */
export default async function ApiReferencePage() {
  await requireViewer();
  const [t, problems] = await Promise.all([getTranslations("apiReference"), getTranslations("api.problems")]);
  const document = openApiDocument() as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
  const sections = ["auth", "idempotency", "rateLimits", "pagination", "errors"] as const;
  const values = { limit: DEFAULT_RATE_LIMIT.limit, max: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE };
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} intro={t("intro")} />
      <p>
        <a href="/api/v1/openapi.json" className="text-sm font-medium text-brand-700 underline">
          {t("openapi")}
        </a>
      </p>
      <section aria-labelledby="basics" className="space-y-4">
        <h2 id="basics" className="text-xl font-semibold">
          {t("basics")}
        </h2>
        {sections.map((section) => (
          <div key={section} id={section}>
            <h3 className="font-semibold">{t(`${section}.title`)}</h3>
            <p className="mt-1 max-w-3xl text-sm text-slate-700">{t(`${section}.body`, values)}</p>
          </div>
        ))}
        <div>
          <h3 className="font-semibold">{t("errors.codes")}</h3>
          <dl className="mt-1 max-w-3xl space-y-1 text-sm">
            {(Object.keys(en.api.problems) as ApiProblemCode[]).map((code) => (
              <div key={code} id={`problem-${code}`} className="flex flex-wrap gap-x-2">
                <dt className="font-mono">{code}</dt>
                <dd className="text-slate-700">{problems(code, PROBLEM_EXAMPLE_VALUES)}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>
      <section aria-labelledby="endpoints" className="space-y-4">
        <h2 id="endpoints" className="text-xl font-semibold">
          {t("endpoints")}
        </h2>
        {Object.entries(document.paths).flatMap(([path, operations]) =>
          Object.entries(operations).map(([method, operation]) => (
            <Endpoint key={`${method} ${path}`} method={method} path={path} operation={operation} />
          )),
        )}
      </section>
      <section aria-labelledby="schemas" className="space-y-4">
        <h2 id="schemas" className="text-xl font-semibold">
          {t("schemas")}
        </h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <div key={name} id={name}>
            <h3 className="font-mono font-semibold">{name}</h3>
            <SchemaBlock label={name} schema={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}
