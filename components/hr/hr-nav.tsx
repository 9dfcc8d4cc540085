"use client";

import { LinkTabs } from "@/components/ui/link-tabs";
import { usePathname } from "next/navigation";

/** The HR area's sections as tabs; each HR form adds its entry here. */
export function HrNav({ label, items }: { label: string; items: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return <LinkTabs label={label} tabs={items.map((item) => ({ ...item, current: pathname.startsWith(item.href) }))} />;
}
