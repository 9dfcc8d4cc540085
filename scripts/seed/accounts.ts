// Kept free of database code: the sign-in page and the dev script import this file without pulling in the seed.
import type { Role } from "@/db/schema";

/** The one password of every demo account; shown on the sign-in page outside production. */
export const DEMO_PASSWORD = "cohort-demo";

export type CompanyKey = "acme" | "globex";

export type DemoPerson = {
  company: CompanyKey;
  email: string;
  name: string;
  roles: Role[];
  department: string;
  /** Left out (null in the database) means the company's locale and time zone apply. */
  locale?: string;
  timeZone?: string;
  /** Shown on the sign-in page next to the account. */
  description: string;
};

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    company: "acme",
    email: "dana.admin@acme.example",
    name: "Dana Admin",
    roles: ["admin"],
    department: "People & Culture",
    description: "Acme admin. Owns the onboarding groups and the Sales refresher.",
  },
  {
    company: "acme",
    email: "omar.admin@acme.example",
    name: "Omar Admin",
    roles: ["admin"],
    department: "Engineering",
    description: "Acme admin. Owns the public Data & AI Circle.",
  },
  {
    company: "acme",
    email: "hana.hr@acme.example",
    name: "Hana HR",
    roles: ["hr"],
    department: "People & Culture",
    description: "Acme HR staff.",
  },
  {
    company: "acme",
    email: "hugo.hr@acme.example",
    name: "Hugo HR",
    roles: ["hr"],
    department: "People & Culture",
    description: "Acme HR staff (a second account).",
  },
  {
    company: "acme",
    email: "lena.learner@acme.example",
    name: "Lena Learner",
    roles: [],
    department: "Sales",
    description: "Acme learner in Sales, with courses in progress and notifications.",
  },
  {
    company: "acme",
    email: "jonas.mueller@acme.example",
    name: "Jonas Müller",
    roles: [],
    department: "Sales",
    locale: "de",
    timeZone: "Europe/Berlin",
    description: "Acme learner with German locale and Berlin time zone (German date and number formats).",
  },
  {
    company: "globex",
    email: "gina.admin@globex.example",
    name: "Gina Admin",
    roles: ["admin"],
    department: "Operations",
    description: "Globex admin. A second company, to see that tenants stay apart.",
  },
  {
    company: "globex",
    email: "gary.learner@globex.example",
    name: "Gary Learner",
    roles: [],
    department: "Sales",
    description: "Globex learner in the first onboarding wave.",
  },
];

export const demoAccounts: { email: string; name: string; description: string }[] = DEMO_PEOPLE.map(({ email, name, description }) => ({
  email,
  name,
  description,
}));
