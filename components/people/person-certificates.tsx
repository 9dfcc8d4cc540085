import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, Row, RowHeader } from "@/components/ui/data-table";
import type { CertificateSummary } from "@/lib/learning/achievements";
import { PersonSection } from "./person-section";

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
        <Row key={certificate.id}>
          <RowHeader>
            <Link href={`/certificates/${certificate.id}`} className="text-brand-700 hover:underline">
              {certificate.courseTitle}
            </Link>
          </RowHeader>
          <Cell className="tabular-nums">
            <time dateTime={certificate.issuedAt.toISOString()}>{format.dateTime(certificate.issuedAt, "dateLong")}</time>
          </Cell>
          <Cell className="font-mono">{certificate.serial}</Cell>
        </Row>
      ))}
    </PersonSection>
  );
}
