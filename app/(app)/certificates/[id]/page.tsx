import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/current-user";
import { loadCertificate } from "./load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const certificate = await loadCertificate((await params).id);
  const t = await getTranslations();
  return { title: certificate ? `${t("certificate.title")} · ${certificate.courseTitle}` : t("errors.notFoundTitle") };
}

/** A certificate of completion: for its owner, and for their company's admins and HR staff. */
export default async function CertificatePage({ params }: { params: Params }) {
  const viewer = await requireViewer();
  const certificate = await loadCertificate((await params).id);
  if (!certificate) notFound();
  const [t, format] = await Promise.all([getTranslations("certificate"), getFormatter()]);
  const facts = [
    { label: t("name"), value: certificate.ownerName },
    { label: t("course"), value: certificate.courseTitle },
    {
      label: t("date"),
      value: <time dateTime={certificate.issuedAt.toISOString()}>{format.dateTime(certificate.issuedAt, "dateLong")}</time>,
    },
    { label: t("serial"), value: <span className="font-mono">{certificate.serial}</span> },
  ];
  return (
    <div className="space-y-6">
      {certificate.ownerId === viewer.userId && (
        <Link
          href={`/courses/${certificate.courseId}`}
          className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
        >
          <span aria-hidden="true">←</span> {t("backToCourse")}
        </Link>
      )}
      <section
        aria-labelledby="certificate-title"
        className="rounded-xl border-4 border-double border-brand-600 bg-white p-6 text-center shadow-sm sm:p-10"
      >
        <p className="text-sm font-medium tracking-wide text-slate-600 uppercase">{viewer.companyName}</p>
        <h1 id="certificate-title" className="mt-2 text-2xl font-semibold sm:text-3xl">
          {t("title")}
        </h1>
        <p className="mx-auto mt-4 max-w-xl text-lg text-slate-700">
          {t("intro", { name: certificate.ownerName, course: certificate.courseTitle })}
        </p>
        <dl className="mx-auto mt-8 grid max-w-2xl grid-cols-1 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 text-left sm:grid-cols-2">
          {facts.map((fact) => (
            <div key={fact.label} className="bg-white px-4 py-3">
              <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{fact.label}</dt>
              <dd className="mt-1 font-medium break-words text-slate-900">{fact.value}</dd>
            </div>
          ))}
        </dl>
        <a href={`/certificates/${certificate.id}/pdf`} download className={`${buttonClass("primary")} mt-8`}>
          {t("download")}
        </a>
      </section>
    </div>
  );
}
