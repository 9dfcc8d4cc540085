import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AssignPersonButton } from "@/components/assignments/assign-person-button";
import { PersonActions, type PersonRights } from "@/components/people/person-actions";
import { PersonAssignments } from "@/components/people/person-assignments";
import { PersonAudit } from "@/components/people/person-audit";
import { RoleBadges, StatusBadge } from "@/components/people/person-badges";
import { PersonCertificates } from "@/components/people/person-certificates";
import { PersonCourses } from "@/components/people/person-courses";
import { PersonEarnedBadges } from "@/components/people/person-earned-badges";
import { PersonGroups } from "@/components/people/person-groups";
import { ResendInvitationButton } from "@/components/people/resend-invitation-button";
import { Pagination } from "@/components/ui/pagination";
import { companyDb } from "@/db/client";
import { listPersonAssignments } from "@/lib/assignments/queries";
import { requireViewer } from "@/lib/auth/current-user";
import { getLearningRecords } from "@/lib/learning/achievements";
import { findDepartmentOption } from "@/lib/departments/queries";
import { can } from "@/lib/permissions";
import { pageParam, type SearchParams, withParams } from "../../../search-params";
import { loadPerson } from "./load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const person = await loadPerson((await params).id, pageParam((await searchParams).auditPage));
  return { title: person?.name ?? (await getTranslations("errors"))("notFoundTitle") };
}

/** A person of the company: admins change and deactivate; HR staff read. */
export default async function PersonPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const query = await searchParams;
  const auditPage = pageParam(query.auditPage);
  const assignmentsPage = pageParam(query.assignmentsPage);
  const person = await loadPerson((await params).id, auditPage);
  if (!person) notFound();
  const rights: PersonRights = {
    edit: can(viewer, "people.edit"),
    deactivate: can(viewer, "people.deactivate") && person.id !== viewer.userId,
  };
  // A deactivated person cannot take a course: nothing to assign them.
  const canAssign = can(viewer, "assignment.assign") && person.deactivatedAt === null;
  const [t, format, department, records, assignments] = await Promise.all([
    getTranslations("people"),
    getFormatter(),
    rights.edit && person.departmentId ? findDepartmentOption(companyDb(viewer), viewer, person.departmentId) : null,
    getLearningRecords(companyDb(viewer), viewer, person.id),
    listPersonAssignments(companyDb(viewer), viewer, person.id, { page: assignmentsPage }),
  ]);
  const facts = [
    { label: t("person.email"), value: person.email },
    { label: t("person.department"), value: person.departmentName ?? t("noDepartment") },
    { label: t("person.manager"), value: person.managerName ?? t("noManager") },
    { label: t("person.roles"), value: <RoleBadges roles={person.roles} /> },
    { label: t("person.since"), value: format.dateTime(person.createdAt, "date") },
  ];
  const path = `/admin/people/${person.id}`;
  return (
    <div className="space-y-8">
      <header className="space-y-4">
        <Link href="/admin/people" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
          <span aria-hidden="true">←</span> {t("person.back")}
        </Link>
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-2xl font-semibold break-words">{person.name}</h1>
              <StatusBadge status={person.status} />
            </div>
            {person.deactivatedAt && (
              <p className="mt-2 text-sm text-slate-700">{t("person.deactivatedOn", { date: person.deactivatedAt })}</p>
            )}
            {person.status === "invited" && can(viewer, "people.invite") && (
              <div className="mt-3">
                <ResendInvitationButton userId={person.id} />
              </div>
            )}
          </div>
          <PersonActions
            person={{
              id: person.id,
              name: person.name,
              managerId: person.managerId,
              managerName: person.managerName,
              roles: person.roles,
              deactivatedAt: person.deactivatedAt,
            }}
            rights={rights}
            department={department}
            activeGroups={person.groups.filter((group) => !group.archived).length}
          />
        </div>
        <section aria-labelledby="person-details">
          <h2 id="person-details" className="sr-only">
            {t("person.details")}
          </h2>
          <dl className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 sm:grid-cols-2 lg:grid-cols-5">
            {facts.map((fact) => (
              <div key={fact.label} className="bg-white px-4 py-3">
                <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{fact.label}</dt>
                <dd className="mt-1 text-sm font-medium break-words text-slate-900">{fact.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      </header>
      <PersonAssignments
        assignments={assignments}
        action={canAssign ? <AssignPersonButton person={{ id: person.id, name: person.name }} /> : undefined}
        footer={
          <Pagination
            page={assignments.page}
            pageSize={assignments.pageSize}
            total={assignments.total}
            href={(page) => withParams(path, { assignmentsPage: page, auditPage })}
          />
        }
      />
      <PersonGroups groups={person.groups} />
      <PersonCourses courses={person.courses} />
      <PersonCertificates certificates={records.certificates} />
      <PersonEarnedBadges badges={records.badges} />
      <PersonAudit audit={person.audit} pageHref={(page) => withParams(path, { auditPage: page, assignmentsPage })} />
    </div>
  );
}
