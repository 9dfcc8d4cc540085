import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CertificateSummary } from "@/lib/learning/achievements";
import { CERTIFICATE_DATE_FORMAT } from "@/lib/learning/certificate-pdf";
import { PersonSection, td } from "./person-section";

export async function PersonCertificates({ certificates }: { certificates: readonly CertificateSummary[] }) {
  const [t, format] = await Promise.all([getTranslations("people.person.certificates"), getFormatter()]);
  return (
    <PersonSection
      id="person-certificates"
      title={t("title")}
      label={t("tableLabel")}
      columns={[t("course"), t("issued"), t("serial")]}
      isEmpty={certificates.length === 0}
      emptyText={t("empty")}
    >
      {certificates.map((certificate) => (
        <tr key={certificate.id}>
          <th scope="row" className={`${td} text-left font-medium whitespace-normal`}>
            <Link href={`/certificates/${certificate.id}`} className="text-brand-700 hover:underline">
              {certificate.courseTitle}
            </Link>
          </th>
          <td className={`${td} tabular-nums`}>
            <time dateTime={certificate.issuedAt.toISOString()}>{format.dateTime(certificate.issuedAt, CERTIFICATE_DATE_FORMAT)}</time>
          </td>
          <td className={`${td} font-mono`}>{certificate.serial}</td>
        </tr>
      ))}
    </PersonSection>
  );
}
