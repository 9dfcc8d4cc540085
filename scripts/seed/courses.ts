import type { Transaction } from "@/db/client";
import { courses, lessons, type QuizQuestion } from "@/db/schema";
import type { CompanyKey } from "./accounts";
import { DAY, type Random, ago } from "./random";

type LessonSpec = { title: string; summary: string; quiz?: QuizQuestion[] };

export type CourseSpec = {
  company: CompanyKey;
  title: string;
  description: string;
  /** Background paragraphs shared by the course's lessons, so each lesson reads as a few paragraphs. */
  context: string[];
  lessons: LessonSpec[];
};

const q = (prompt: string, options: string[], answer: number): QuizQuestion => ({ prompt, options, answer });

// About every third lesson (positions 3, 6, 9, …) carries a quiz; only those get scores in the progress seed.
export const COURSES: CourseSpec[] = [
  {
    company: "acme",
    title: "Welcome to Acme",
    description: "Everything a new colleague needs in the first weeks: who we are, how we work and where to find help.",
    context: [
      "Acme builds planning software for mid-sized manufacturers. Most of our customers are in Germany, Austria and Switzerland, and a growing share in the Nordics.",
      "We work in small teams with a lot of autonomy. Decisions are written down, so that colleagues in other time zones and people joining later can follow them.",
      "Your manager and your onboarding buddy are your first points of contact. Nobody expects you to know everything in your first month.",
    ],
    lessons: [
      {
        title: "Our story",
        summary:
          "Acme started in 2009 with three founders and one customer. This lesson walks through the milestones that shaped the company we are today.",
      },
      {
        title: "How we work together",
        summary:
          "We prefer written proposals over long meetings and clear owners over committees. Here is what that looks like in a normal week.",
      },
      {
        title: "Tools you will use every day",
        summary: "Chat, the wiki, the ticket tracker and the calendar: a short tour of the tools and the unwritten rules for each of them.",
        quiz: [
          q("Where are decisions documented at Acme?", ["In chat threads", "In the wiki", "In personal notes"], 1),
          q(
            "What should you do with a request that needs follow-up work?",
            ["Reply with a thumbs-up", "Create a ticket", "Remember it"],
            1,
          ),
        ],
      },
      {
        title: "Your first week",
        summary: "A day-by-day plan for your first week, from picking up your laptop to your first team retrospective.",
      },
      {
        title: "Benefits and time off",
        summary: "Holidays, sick leave, the learning budget and the mobility allowance, and how to request each of them.",
      },
      {
        title: "Security basics for new starters",
        summary:
          "Three habits that prevent most incidents: lock your screen, use the password manager and report anything odd straight away.",
        quiz: [
          q(
            "A stranger asks for your login code by phone. What do you do?",
            ["Give it if they sound friendly", "Refuse and report it", "Ask them to email instead"],
            1,
          ),
        ],
      },
      {
        title: "Where to find help",
        summary: "Who to ask about payroll, equipment, access rights and everything else, and how to reach them.",
      },
      {
        title: "Your 30-60-90 day plan",
        summary: "Agree on goals with your manager for your first three months and learn how the probation review works.",
      },
    ],
  },
  {
    company: "acme",
    title: "Sales Fundamentals",
    description: "The Acme sales playbook from first contact to signed contract, with exercises from real deals.",
    context: [
      "Our typical deal takes three to six months and involves operations, IT and finance on the customer side. Knowing who cares about what is half the work.",
      "Every stage of the playbook ends with a concrete exit criterion. If you cannot name it, the deal is not in that stage yet.",
      "Role-play with a colleague before important calls. It feels awkward the first time and saves deals later.",
    ],
    lessons: [
      {
        title: "The Acme sales playbook",
        summary: "An overview of our six deal stages and what has to be true before a deal moves from one to the next.",
      },
      {
        title: "Understanding our customers",
        summary: "Plant managers, IT leads and CFOs buy for different reasons. Learn the questions each of them asks first.",
      },
      {
        title: "Prospecting that works",
        summary: "Targeted outreach beats volume. How to build a short list of accounts and write a first message worth answering.",
        quiz: [
          q(
            "Which first message gets the most replies?",
            ["A generic product brochure", "A note about a problem specific to their plant", "A meeting invite without context"],
            1,
          ),
          q("How many target accounts should a focused weekly list have?", ["About ten", "About two hundred", "As many as possible"], 0),
        ],
      },
      {
        title: "Discovery calls",
        summary: "Structure a discovery call so the customer talks most of the time, and leave with a clear next step.",
      },
      {
        title: "Qualifying with MEDDIC",
        summary:
          "Metrics, economic buyer, decision criteria, decision process, identified pain and champion: how we use MEDDIC without turning it into a form.",
      },
      {
        title: "Presenting value, not features",
        summary: "Connect every part of a demo to a problem the customer told you about, and skip the rest.",
        quiz: [
          q("What should a demo be built around?", ["The full feature list", "The customer's stated problems", "The newest release"], 1),
        ],
      },
      {
        title: "Handling objections",
        summary: "Common objections about price, timing and switching costs, and how to explore them instead of arguing.",
      },
      {
        title: "Pricing and discounts",
        summary: "Our list prices, the discount levels you may grant yourself and when a deal needs approval.",
      },
      {
        title: "Writing proposals",
        summary: "A good proposal restates the problem in the customer's words before it mentions Acme at all.",
        quiz: [
          q("What comes first in an Acme proposal?", ["Our company history", "The customer's problem in their words", "The price"], 1),
        ],
      },
      {
        title: "Negotiation basics",
        summary: "Know your walk-away point, trade rather than concede and keep a written record of every agreement.",
      },
      {
        title: "Closing and handover",
        summary: "How to close cleanly and hand the customer to Customer Success without losing what you learned.",
      },
      {
        title: "Pipeline hygiene in the CRM",
        summary: "Keep close dates honest and next steps current; the forecast the whole company plans with depends on it.",
        quiz: [
          q("When should a deal's close date be updated?", ["At quarter end", "As soon as you learn it has changed", "Never"], 1),
          q("What must every open deal have?", ["A next step with a date", "A discount", "Two champions"], 0),
        ],
      },
    ],
  },
  {
    company: "acme",
    title: "Security Awareness",
    description:
      "The yearly security training for everyone at Acme: phishing, passwords, data handling and what to do when something goes wrong.",
    context: [
      "Most security incidents start with an ordinary mistake, not with a brilliant attacker. The habits in this course close the most common doors.",
      "Reporting early is always right. The security team would rather check a hundred harmless emails than miss one real attack.",
    ],
    lessons: [
      {
        title: "Why security is everyone's job",
        summary: "Customers trust us with their production data. This lesson shows what is at stake and why every colleague plays a part.",
      },
      {
        title: "Spotting phishing",
        summary: "Urgency, unusual senders and links that do not match their text: how to recognise a phishing attempt in seconds.",
      },
      {
        title: "Passwords and multi-factor authentication",
        summary: "Use the password manager for every account and turn on multi-factor authentication wherever it is offered.",
        quiz: [
          q("Where should you keep your work passwords?", ["In a spreadsheet", "In the company password manager", "On a sticky note"], 1),
          q(
            "What protects an account best if its password leaks?",
            ["A longer username", "Multi-factor authentication", "Changing the password yearly"],
            1,
          ),
        ],
      },
      {
        title: "Handling customer data",
        summary: "Which data is confidential, where it may be stored and how to share it safely with colleagues.",
      },
      {
        title: "Working remotely and travelling",
        summary: "Public networks, screen privacy on trains and what to do if your laptop goes missing.",
      },
      {
        title: "Reporting an incident",
        summary: "Report suspected incidents in the #security channel or by phone, immediately and without trying to fix them yourself.",
        quiz: [
          q(
            "You clicked a suspicious link. What now?",
            ["Wait and see", "Report it to security right away", "Clear your browser history"],
            1,
          ),
        ],
      },
    ],
  },
  {
    company: "acme",
    title: "Product Deep Dive",
    description: "A thorough tour of the Acme platform for everyone who talks to customers about it.",
    context: [
      "The platform has grown over many releases. This course focuses on what customers use every day and on the questions they ask most often.",
      "Each lesson ends with a small exercise in the demo workspace. Nothing you do there can affect real customers.",
      "Product managers update this course after every major release, so details may differ slightly from older slides you come across.",
    ],
    lessons: [
      {
        title: "The product at a glance",
        summary: "The platform in five minutes: planning, execution, reporting, and how they fit together.",
      },
      {
        title: "Core concepts and vocabulary",
        summary: "Orders, routings, work centres and shifts: the words customers use and what they mean in the product.",
      },
      {
        title: "Workspaces and permissions",
        summary: "How customers separate plants into workspaces and give each role exactly the access it needs.",
        quiz: [q("What separates the data of two plants of the same customer?", ["Workspaces", "Colour themes", "Report filters"], 0)],
      },
      {
        title: "Data import",
        summary: "Importing master data from spreadsheets and ERP systems, and the checks that catch bad data early.",
      },
      {
        title: "Reporting dashboards",
        summary: "The standard dashboards, how customers build their own, and which numbers plant managers look at first.",
      },
      {
        title: "Automations",
        summary: "Rules that react to events, such as a machine going down, and re-plan or notify people automatically.",
        quiz: [
          q("What triggers an automation?", ["An event in the plant or system", "Only a manual button", "The end of the month"], 0),
          q("Who can create automations by default?", ["Every user", "Workspace administrators", "Only Acme support"], 1),
        ],
      },
      { title: "Integrations", summary: "Ready-made connectors for the common ERP and messaging systems, and what they synchronise." },
      { title: "The public API", summary: "What the REST API offers, how customers authenticate and where the documentation lives." },
      {
        title: "Mobile apps",
        summary: "The shop-floor app for tablets and what it deliberately leaves out compared with the web version.",
        quiz: [q("Who is the shop-floor app made for?", ["Finance teams", "Workers at the machines", "Acme developers"], 1)],
      },
      {
        title: "Administration",
        summary: "User management, single sign-on and audit logs from the point of view of a customer's IT team.",
      },
      {
        title: "Security and compliance features",
        summary: "Encryption, data residency in the EU and the certifications customers ask about in tenders.",
      },
      {
        title: "Pricing tiers",
        summary: "What is included in Starter, Professional and Enterprise, and the add-ons that can be bought separately.",
        quiz: [q("Which tier includes single sign-on?", ["Starter", "Professional", "Enterprise"], 2)],
      },
      {
        title: "Common customer questions",
        summary: "The twenty questions customers ask most in demos and trials, with short, honest answers.",
      },
      {
        title: "Roadmap themes",
        summary: "The themes the product team is working on this year and how to talk about them without promising dates.",
      },
      {
        title: "Demo walkthrough",
        summary: "Put it all together: a twenty-minute demo story that you can adapt to each customer.",
        quiz: [q("How long is the standard demo story?", ["About five minutes", "About twenty minutes", "About two hours"], 1)],
      },
    ],
  },
  {
    company: "acme",
    title: "Leadership Basics",
    description: "For new and aspiring team leads: expectations, one-on-ones, feedback and looking after yourself.",
    context: [
      "Leading people is a skill that can be learned. Most of it is a handful of conversations held regularly and well.",
      "Discuss the exercises with your own manager or with a peer lead. Leaders who learn in pairs apply far more of what they learn.",
    ],
    lessons: [
      {
        title: "From colleague to lead",
        summary: "What changes when you lead people you used to work next to, and what should stay the same.",
      },
      {
        title: "Setting clear expectations",
        summary: "Agree on outcomes rather than activities, and write them down so both sides remember the same thing.",
      },
      {
        title: "Running effective one-on-ones",
        summary: "The one-on-one belongs to your report: let them set the agenda and keep the meeting even when you are busy.",
        quiz: [
          q("Whose meeting is the one-on-one?", ["The lead's", "The report's", "HR's"], 1),
          q(
            "What is the best thing to do when a one-on-one clashes with other work?",
            ["Cancel it", "Move it, but keep it", "Merge it into the team meeting"],
            1,
          ),
        ],
      },
      {
        title: "Giving feedback",
        summary: "Describe the situation, the behaviour and its impact, and give feedback soon after it happens.",
      },
      {
        title: "Delegation",
        summary: "Delegate outcomes along with the authority to reach them, and agree on how often you will check in.",
      },
      {
        title: "Coaching conversations",
        summary: "Ask before you advise: open questions help people find solutions they will actually carry out.",
        quiz: [
          q(
            "Which question is a coaching question?",
            ["Why didn't you do it my way?", "What options do you see?", "Can you just fix it?"],
            1,
          ),
        ],
      },
      { title: "Leading through change", summary: "Explain the why, name what stays the same and give people a way to voice concerns." },
      {
        title: "Hiring well",
        summary: "Structured interviews, clear criteria decided in advance and how to avoid hiring people just like yourself.",
      },
      {
        title: "Performance reviews",
        summary: "Nothing in a review should be a surprise: it summarises conversations you have already had during the year.",
        quiz: [
          q(
            "What should a performance review contain?",
            ["New criticism saved for the occasion", "A summary of feedback already discussed", "Only the salary decision"],
            1,
          ),
        ],
      },
      {
        title: "Looking after yourself",
        summary: "Leads who burn out help nobody. Set boundaries, find a peer group and ask for support early.",
      },
    ],
  },
  {
    company: "globex",
    title: "Globex Onboarding",
    description: "Your first weeks at Globex: our markets, our systems and the practical things every new starter needs.",
    context: [
      "Globex supplies logistics services to retailers across the UK and Ireland, from three warehouses and a head office in Manchester.",
      "Every new starter has an onboarding buddy from a different team, so that you know someone outside your own department from day one.",
    ],
    lessons: [
      { title: "Welcome to Globex", summary: "A short history of Globex, our values and what makes our customers choose us." },
      {
        title: "Our customers and markets",
        summary: "Who our largest customers are, what they expect from us and how the market is changing.",
      },
      {
        title: "How Operations keeps us running",
        summary: "A tour of a typical day in the warehouses and the control room, and how other teams depend on it.",
        quiz: [q("How many warehouses does Globex run?", ["One", "Three", "Ten"], 1)],
      },
      { title: "Systems and accounts", summary: "Setting up your accounts for email, the warehouse system and the expenses tool." },
      {
        title: "Health and safety at the office",
        summary: "Fire exits, first aiders and the rules that apply whenever you visit a warehouse floor.",
      },
      {
        title: "Expenses and travel",
        summary: "Book travel through the portal, keep your receipts and submit expenses within thirty days.",
        quiz: [
          q("Within how many days should expenses be submitted?", ["Seven", "Thirty", "Ninety"], 1),
          q("Where is business travel booked?", ["Through the travel portal", "Any website you like", "By your manager only"], 0),
        ],
      },
      {
        title: "Your first month",
        summary: "Goals for your first month, your check-in with your manager and where to give feedback on onboarding.",
      },
    ],
  },
  {
    company: "globex",
    title: "Compliance 101",
    description: "The rules every Globex employee must know: bribery, data protection, conflicts of interest and speaking up.",
    context: [
      "Compliance is about protecting customers, colleagues and the company. When in doubt, ask the compliance team before acting, not after.",
      "This course is mandatory once a year. It takes about forty minutes in total.",
    ],
    lessons: [
      {
        title: "Why compliance matters",
        summary: "Real cases from our industry where small lapses turned into large fines and lost customers.",
      },
      {
        title: "Anti-bribery and gifts",
        summary: "Which gifts and hospitality you may accept, the value limits and how to register them.",
      },
      {
        title: "Data protection under UK GDPR",
        summary: "Collect only the personal data you need, keep it only as long as necessary and report breaches within hours.",
        quiz: [
          q(
            "How quickly must a suspected data breach be reported internally?",
            ["Immediately", "Within a month", "At the next team meeting"],
            0,
          ),
        ],
      },
      {
        title: "Conflicts of interest",
        summary: "Declare side jobs, investments and family ties that could influence your work decisions.",
      },
      { title: "Speaking up", summary: "How to raise a concern, anonymously if you wish, and the protection you have when you do." },
      {
        title: "Record keeping",
        summary: "Which records we must keep, for how long, and why deleting them early can be as serious as losing them.",
        quiz: [
          q("May you delete records before their retention period ends?", ["Yes, to save space", "No", "Only on Fridays"], 1),
          q("Who can tell you the retention period of a record?", ["The compliance team", "Nobody", "Any customer"], 0),
        ],
      },
    ],
  },
];

// Rotated by position so that neighbouring lessons do not end with the same sentence.
const CLOSINGS = [
  'Before you move on, think of one situation from your own work where "{title}" applies.',
  'Take five minutes to note what you will do differently after "{title}". Your notes stay private.',
  'If anything in "{title}" is unclear, ask in your learning group: someone else is probably wondering too.',
];

/** A few paragraphs of plain text: the lesson's own summary, shared course background and a closing prompt. */
export function lessonContent(course: CourseSpec, lesson: LessonSpec, position: number): string {
  const context = course.context[(position - 1) % course.context.length] ?? "";
  const closing = (CLOSINGS[(position - 1) % CLOSINGS.length] ?? "").replace("{title}", lesson.title);
  return [lesson.summary, context, closing].join("\n\n");
}

/** "Welcome to Acme" → "welcome-to-acme": the key an admin's import file would use for it. */
const courseKey = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export type SeededCourse = {
  id: string;
  companyId: string;
  company: CompanyKey;
  title: string;
  /** In position order, so a prefix of this list is a believable "done so far". */
  lessons: { id: string; position: number; hasQuiz: boolean }[];
};

export async function insertCourses(tx: Transaction, rng: Random, now: Date, companyIds: Map<CompanyKey, string>): Promise<SeededCourse[]> {
  const companyId = (key: CompanyKey) => companyIds.get(key)!;
  const insertedCourses = await tx
    .insert(courses)
    .values(
      COURSES.map((course) => ({
        companyId: companyId(course.company),
        key: courseKey(course.title),
        title: course.title,
        description: course.description,
        // Older than the oldest group (about 120 days), which links to a course.
        createdAt: ago(now, rng.int(150, 400) * DAY),
      })),
    )
    .returning({ id: courses.id, title: courses.title });
  const courseId = (title: string) => insertedCourses.find((row) => row.title === title)!.id;

  const insertedLessons = await tx
    .insert(lessons)
    .values(
      COURSES.flatMap((course) =>
        course.lessons.map((lesson, index) => ({
          companyId: companyId(course.company),
          courseId: courseId(course.title),
          key: `lesson-${index + 1}`,
          position: index + 1,
          title: lesson.title,
          content: lessonContent(course, lesson, index + 1),
          quiz: lesson.quiz ?? null,
        })),
      ),
    )
    .returning({ id: lessons.id, courseId: lessons.courseId, position: lessons.position });

  return COURSES.map((course) => {
    const id = courseId(course.title);
    return {
      id,
      companyId: companyId(course.company),
      company: course.company,
      title: course.title,
      lessons: insertedLessons
        .filter((row) => row.courseId === id)
        .sort((a, b) => a.position - b.position)
        .map((row) => ({
          id: row.id,
          position: row.position,
          hasQuiz: course.lessons[row.position - 1]?.quiz !== undefined,
        })),
    };
  });
}

export function courseByTitle(seeded: SeededCourse[], title: string): SeededCourse {
  const course = seeded.find((candidate) => candidate.title === title);
  if (!course) throw new Error(`Seed course ${title} is missing`);
  return course;
}
