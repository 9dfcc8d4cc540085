import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { loadGroupPage } from "./load";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const page = await loadGroupPage((await params).id);
  const name = page?.kind === "group" ? page.group.name : page?.preview.name;
  return { title: name ?? (await getTranslations("errors"))("notFoundTitle") };
}

/**
 * A group that does not exist for the viewer (unknown, another company's, an id that is no uuid)
 * answers 404. Checked here, above every loading boundary of the group's routes: once a page
 * streams, the status is already 200.
 */
export default async function GroupLayout({ children, params }: { children: ReactNode; params: Params }) {
  if (!(await loadGroupPage((await params).id))) notFound();
  return children;
}
