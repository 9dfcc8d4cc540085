import type { ReactNode } from "react";

/** The narrow, centred page of the signed-out screens: sign-in, forgot password, choose a password. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="mb-6 text-2xl font-semibold">{title}</h1>
      {children}
    </main>
  );
}

export const authCardClass = "space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm";
export const authLinkClass = "font-medium text-brand-700 underline hover:text-brand-800";
