import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { companies, companyDomains, departments, type Role, users } from "@/db/schema";
import { type CompanyKey, DEMO_PEOPLE } from "./accounts";
import { DAY, type Random, ago } from "./random";

export type CompanySpec = {
  key: CompanyKey;
  name: string;
  domain: string;
  defaultTimeZone: string;
  defaultLocale: string;
  /** Sizes include the demo people placed in the department; they add up to the head count. */
  departments: { name: string; size: number }[];
};

export const COMPANIES: CompanySpec[] = [
  {
    key: "acme",
    name: "Acme GmbH",
    domain: "acme.example",
    defaultTimeZone: "Europe/Berlin",
    defaultLocale: "en",
    departments: [
      { name: "Sales", size: 40 },
      { name: "Engineering", size: 38 },
      { name: "Marketing", size: 20 },
      { name: "Customer Success", size: 24 },
      { name: "Finance", size: 12 },
      { name: "People & Culture", size: 16 },
    ],
  },
  {
    key: "globex",
    name: "Globex Ltd",
    domain: "globex.example",
    defaultTimeZone: "Europe/London",
    defaultLocale: "en",
    departments: [
      { name: "Sales", size: 14 },
      { name: "Operations", size: 16 },
      { name: "Engineering", size: 10 },
    ],
  },
];

// A mix of origins, some with accents, so that search, sorting and email generation meet real-world names.
const FIRST_NAMES = [
  "Anna",
  "Ben",
  "Clara",
  "David",
  "Elif",
  "Felix",
  "Greta",
  "Hannah",
  "Ines",
  "Jan",
  "Katarzyna",
  "Lukas",
  "Mia",
  "Noah",
  "Olivia",
  "Paul",
  "Rosa",
  "Samuel",
  "Tara",
  "Valentina",
  "William",
  "Yara",
  "Zoë",
  "Amélie",
  "Björn",
  "Chloé",
  "Émile",
  "François",
  "Jürgen",
  "Łucja",
  "Mónica",
  "Nils",
  "Søren",
  "Tomás",
  "Renée",
  "Ali",
  "Mehmet",
  "Priya",
  "Ravi",
  "Sofia",
  "Leon",
  "Emma",
  "Marie",
  "Maximilian",
  "Fatima",
  "Kenji",
  "Aisha",
  "Luca",
  "Marta",
  "Jakob",
  "Nina",
  "Oskar",
  "Sara",
  "Tim",
  "Vera",
  "Ahmed",
  "Irene",
  "Pedro",
  "Elena",
  "Moritz",
];

const LAST_NAMES = [
  "Schmidt",
  "Schneider",
  "Fischer",
  "Weber",
  "Meyer",
  "Wagner",
  "Becker",
  "Hoffmann",
  "Schäfer",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Neumann",
  "Schwarz",
  "Zimmermann",
  "Braun",
  "Krüger",
  "Hartmann",
  "Lange",
  "Werner",
  "Krause",
  "Lehmann",
  "Köhler",
  "Şahin",
  "Yılmaz",
  "Nowak",
  "Kowalski",
  "García",
  "Fernández",
  "Rossi",
  "Bianchi",
  "Dubois",
  "Lefèvre",
  "Jensen",
  "Nielsen",
  "Andersson",
  "O'Brien",
  "Murphy",
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Wilson",
  "Evans",
  "Patel",
  "Khan",
  "Nguyen",
  "Kim",
  "Silva",
  "Costa",
  "Novák",
  "Horváth",
  "Popescu",
  "Ivanova",
  "Okafor",
];

// German-style transliteration first (Müller → mueller), then accents are simply dropped (Zoë → zoe).
const TRANSLITERATIONS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", ø: "o", æ: "ae", ł: "l", ı: "i" };

function emailPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äöüßøæłı]/g, (char) => TRANSLITERATIONS[char] ?? char)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9-]/g, "");
}

/** firstname.lastname@domain, with 2, 3, … appended when the name is already taken. */
function uniqueEmail(first: string, last: string, domain: string, taken: Set<string>): string {
  const base = `${emailPart(first)}.${emailPart(last)}`;
  let email = `${base}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@${domain}`;
  taken.add(email);
  return email;
}

export type PlannedPerson = {
  department: string;
  name: string;
  email: string;
  roles: Role[];
  locale: string | null;
  timeZone: string | null;
  /** Heads lead their department and manage everybody else in it. */
  isHead: boolean;
  createdAt: Date;
};

/**
 * Everybody in one company, department by department: a generated head first, then the demo
 * people placed there, then generated colleagues up to the department's size.
 */
export function planPeople(company: CompanySpec, rng: Random, now: Date, takenEmails: Set<string>): PlannedPerson[] {
  const demoPeople = DEMO_PEOPLE.filter((demo) => demo.company === company.key);
  for (const demo of demoPeople) takenEmails.add(demo.email);
  const generated = (department: string, isHead: boolean): PlannedPerson => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    return {
      department,
      name: `${first} ${last}`,
      email: uniqueEmail(first, last, company.domain, takenEmails),
      roles: [],
      locale: null,
      timeZone: null,
      isHead,
      // Older than any group or course activity below, so no one learns before being hired.
      createdAt: ago(now, rng.int(150, 900) * DAY),
    };
  };

  return company.departments.flatMap(({ name: department, size }) => {
    const demos: PlannedPerson[] = demoPeople
      .filter((demo) => demo.department === department)
      .map((demo) => ({
        department,
        name: demo.name,
        email: demo.email,
        roles: demo.roles,
        locale: demo.locale ?? null,
        timeZone: demo.timeZone ?? null,
        isHead: false,
        createdAt: ago(now, rng.int(200, 900) * DAY),
      }));
    const colleagues = Array.from({ length: size - demos.length - 1 }, () => generated(department, false));
    return [generated(department, true), ...demos, ...colleagues];
  });
}

export type SeededPerson = {
  id: string;
  companyId: string;
  company: CompanyKey;
  department: string;
  name: string;
  email: string;
  roles: Role[];
  isHead: boolean;
};

export type SeededPeople = { companyIds: Map<CompanyKey, string>; departments: number; people: SeededPerson[] };

/** Companies, their departments and people, with heads and managers wired up set-based afterwards. */
export async function insertPeople(tx: Transaction, rng: Random, now: Date, passwordHash: string): Promise<SeededPeople> {
  const insertedCompanies = await tx
    .insert(companies)
    .values(
      COMPANIES.map((company, index) => ({
        name: company.name,
        defaultTimeZone: company.defaultTimeZone,
        defaultLocale: company.defaultLocale,
        createdAt: ago(now, (1000 - 200 * index) * DAY),
      })),
    )
    .returning({ id: companies.id, name: companies.name });
  const companyIds = new Map(COMPANIES.map((company) => [company.key, insertedCompanies.find((row) => row.name === company.name)!.id]));
  const companyId = (key: CompanyKey) => companyIds.get(key)!;
  // Each company owns its email domain, so its people can sign in through single sign-on.
  await tx.insert(companyDomains).values(COMPANIES.map((company) => ({ domain: company.domain, companyId: companyId(company.key) })));

  // Heads are unknown until users exist, and users need department ids: departments go first, heads later.
  const insertedDepartments = await tx
    .insert(departments)
    .values(
      COMPANIES.flatMap((company) =>
        company.departments.map(({ name }) => ({ companyId: companyId(company.key), name, createdAt: ago(now, 900 * DAY) })),
      ),
    )
    .returning({ id: departments.id, companyId: departments.companyId, name: departments.name });
  const departmentId = (key: CompanyKey, name: string) =>
    insertedDepartments.find((row) => row.companyId === companyId(key) && row.name === name)!.id;

  const takenEmails = new Set<string>();
  const planned = COMPANIES.flatMap((company) =>
    planPeople(company, rng, now, takenEmails).map((person) => ({ ...person, company: company.key })),
  );
  const insertedUsers = await tx
    .insert(users)
    .values(
      planned.map((person) => ({
        companyId: companyId(person.company),
        departmentId: departmentId(person.company, person.department),
        roles: person.roles,
        name: person.name,
        email: person.email,
        passwordHash,
        timeZone: person.timeZone,
        locale: person.locale,
        createdAt: person.createdAt,
      })),
    )
    .returning({ id: users.id, email: users.email });
  const userIds = new Map(insertedUsers.map((row) => [row.email, row.id]));

  const ids = [...companyIds.values()];
  await tx
    .update(departments)
    .set({ headId: sql`${users.id}` })
    .from(users)
    .where(
      and(
        eq(users.departmentId, departments.id),
        inArray(
          users.email,
          planned.filter((person) => person.isHead).map((person) => person.email),
        ),
      ),
    );
  // Heads report to nobody (managerId stays null); everybody else reports to their department's head.
  await tx
    .update(users)
    .set({ managerId: sql`${departments.headId}` })
    .from(departments)
    .where(and(eq(users.departmentId, departments.id), ne(users.id, departments.headId), inArray(departments.companyId, ids)));

  const people = planned.map((person) => ({
    id: userIds.get(person.email)!,
    companyId: companyId(person.company),
    company: person.company,
    department: person.department,
    name: person.name,
    email: person.email,
    roles: person.roles,
    isHead: person.isHead,
  }));
  return { companyIds, departments: insertedDepartments.length, people };
}

/** Looks a demo person up by email; a typo in the seed should fail loudly, not seed a half-empty group. */
export function personByEmail(people: SeededPerson[], email: string): SeededPerson {
  const person = people.find((candidate) => candidate.email === email);
  if (!person) throw new Error(`Seed person ${email} is missing`);
  return person;
}
