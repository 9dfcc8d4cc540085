/**
 * The benchmark data set, generated in SQL (generate_series) in one session: 100,000 people in 50
 * departments, 2,000 groups, one big group of 10,000 members, and a second, small company.
 * Ids are random like the product's, so indexes see the same scatter; the few the cases need are fixed.
 */
export const BENCH_IDS = {
  company: "b0000000-0000-4000-8000-000000000001",
  otherCompany: "b0000000-0000-4000-8000-000000000002",
  admin: "b0000000-0000-4000-8000-0000000000a1",
  /** 10,000 people: the department-add case. */
  department10k: "b0000000-0000-4000-8000-00000000d001",
  /** 1,000 people: the statement-count comparison. */
  department1k: "b0000000-0000-4000-8000-00000000d002",
  /** 10,000 members: the member-page and feed.page cases. */
  bigGroup: "b0000000-0000-4000-8000-00000000b001",
  /** 10,000 members on a 50-lesson course with 250,000 completions: the statistics cases. */
  statsGroup: "b0000000-0000-4000-8000-00000000b002",
  statsCourse: "b0000000-0000-4000-8000-00000000c002",
} as const;

export const BENCH_SHAPE = {
  people: 100_000,
  departments: 50,
  groups: 2_000,
  bigGroupMembers: 10_000,
  activityEvents: 1_000_000,
  praiseMessages: 1_000,
  statsLessons: 50,
} as const;

const words = (text: string) => text.trim().split(/\s+/);
const sqlArray = (items: readonly string[]) => `array[${items.map((item) => `'${item}'`).join(",")}]`;

/** 98 first and 210 last names: each first name about 1 % of people, each last name about 0.5 %. */
const FIRST_NAMES = words(`
  Maria John Anna Mark Sophie Lukas Emma Noah Olivia Liam Mia Jonas Lena Paul Clara Felix Hannah Leon Sarah
  David Laura Martin Julia Thomas Nina Peter Eva Daniel Lisa Michael Marta Jan Katarzyna Piotr Aisha Omar
  Fatima Yusuf Mei Wei Hiroshi Yuki Priya Arjun Carlos Lucia Diego Sofia Mateo Elena Ivan Olga Kwame Amara
  Chloe Lucas Zoe Ethan Grace Oscar Ingrid Erik Freya Nils Ahmed Leila Samir Nadia Tomasz Agnieszka Jakub
  Zofia Giulia Marco Luca Chiara Pierre Camille Louis Manon Hugo Ines Rui Beatriz Joao Ana Kenji Aiko Minho
  Jisoo Ravi Ananya Vikram Deepa Tunde Ngozi Sipho Thandiwe
`);
const LAST_NAMES = words(`
  Garcia Smith Mueller Schmidt Johnson Williams Brown Jones Miller Davis Martinez Lopez Gonzalez Wilson
  Anderson Taylor Thomas Moore Martin Jackson White Harris Clark Lewis Walker Young Allen King Wright Scott
  Nguyen Kowalski Nowak Wojcik Fischer Weber Meyer Wagner Becker Schulz Hoffmann Rossi Russo Ferrari Esposito
  Bianchi Dubois Moreau Laurent Lefebvre Tanaka Suzuki Sato Kim Lee Park Chen Wang Li Patel Sharma Singh
  Okafor Mensah Hernandez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Reyes Cruz Morales Ortiz
  Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vargas
  Guzman Castro Kaminski Lewandowski Zielinski Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur Krawczyk
  Koch Richter Klein Wolf Schroeder Neumann Schwarz Zimmermann Braun Krueger Hofmann Hartmann Lange Schmitt
  Werner Krause Meier Lehmann Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca Costa Giordano Mancini
  Rizzo Lombardi Moretti Bernard Petit Durand Leroy Simon Michel Garnier Faure Rousseau Blanc Guerin Muller
  Henry Roussel Nicolas Perrin Morin Mathieu Clement Gauthier Watanabe Ito Yamamoto Nakamura Kobayashi Kato
  Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang
  Ahn Song Huang Zhang Liu Yang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gupta Kumar Reddy Iyer Nair Mehta Shah
  Joshi Adeyemi Okonkwo Boateng Owusu Ndlovu Dlamini
`);
const FIRST = sqlArray(FIRST_NAMES);
const LAST = sqlArray(LAST_NAMES);
const NF = FIRST_NAMES.length;
const NL = LAST_NAMES.length;
const DEPARTMENTS = `array['Field Sales','Legal','Engineering','Marketing','Finance','People & Culture','Operations',
  'Customer Success','Product','Design','Data & Analytics','IT Services','Security','Procurement','Logistics',
  'Quality','Research','Support','Facilities','Communications','Partnerships','Inside Sales','Compliance','Risk',
  'Treasury','Payroll','Recruiting','Learning','Strategy','Platform','Mobile','Infrastructure','Billing',
  'Growth','Brand','Events','Retail','Wholesale','Manufacturing','Supply Chain','Warehouse North',
  'Warehouse South','Fleet','Field Service','Training','Audit','Tax','Investor Relations','Public Affairs',
  'Sustainability']`;
const TOPICS = `array['Onboarding wave','Sales refresher','Leadership cohort','Data & AI circle','Compliance training',
  'Safety basics','Product bootcamp','Customer care','Manager essentials','Security awareness','Finance for all',
  'Language club']`;

/**
 * The statements, in order, for one session. `$1` is the one precomputed password hash everyone shares.
 * A person's department comes from a permutation of their number, so a department is scattered
 * through the table as it would be after years of hires.
 */
export const GENERATE_SQL: string[] = [
  `insert into companies (id, name, default_time_zone) values
     ('${BENCH_IDS.company}', 'Bench Corp', 'Europe/Berlin'), ('${BENCH_IDS.otherCompany}', 'Other Bench Ltd', 'UTC')`,

  `create temp table bench_departments as
     select n, case n when 1 then '${BENCH_IDS.department10k}'::uuid when 2 then '${BENCH_IDS.department1k}'::uuid
                      else gen_random_uuid() end as id, (${DEPARTMENTS})[n] as name
     from generate_series(1, 50) n`,
  `insert into departments (id, company_id, name) select id, '${BENCH_IDS.company}', name from bench_departments`,
  `insert into departments (company_id, name) select '${BENCH_IDS.otherCompany}', 'Other team ' || n from generate_series(1, 3) n`,

  `create temp table bench_people as
     select i, case i when 3 then '${BENCH_IDS.admin}'::uuid else gen_random_uuid() end as id,
            (i::bigint * 7919) % 100000 as p
     from generate_series(1, 100000) i`,
  `insert into users (id, company_id, department_id, roles, name, email, password_hash, deactivated_at, created_at)
     select pp.id, '${BENCH_IDS.company}', d.id,
            case when pp.i in (3, 5, 7, 11, 13, 17) then '{admin}'::role[] when pp.p % 5000 = 1 then '{hr}'::role[]
                 else '{}'::role[] end,
            f.first || ' ' || l.last,
            lower(f.first || '.' || l.last || '.' || pp.i || '@bench.example'),
            $1,
            case when pp.p >= 21000 and pp.p % 97 = 0 then now() - interval '30 days' end,
            now() - (pp.i % 1000) * interval '1 day'
     from bench_people pp
     cross join lateral (select (${FIRST})[1 + pp.i % ${NF}] as first) f
     cross join lateral (select (${LAST})[1 + (pp.i / ${NF}) % ${NL}] as last) l
     join bench_departments d on d.n = case when pp.p < 10000 then 1 when pp.p < 11000 then 2 else 3 + pp.p % 48 end`,
  `insert into users (company_id, department_id, roles, name, email, password_hash)
     select '${BENCH_IDS.otherCompany}', (select id from departments where company_id = '${BENCH_IDS.otherCompany}'
              order by name offset i % 3 limit 1),
            case when i = 1 then '{admin}'::role[] else '{}'::role[] end,
            (${FIRST})[1 + (i * 7) % ${NF}] || ' ' || (${LAST})[1 + (i * 11) % ${NL}], 'person' || i || '@other.example', $1
     from generate_series(1, 500) i`,

  `create temp table bench_courses as select n, gen_random_uuid() as id from generate_series(1, 40) n`,
  `insert into courses (id, company_id, key, title, description)
     select id, '${BENCH_IDS.company}', 'course-' || n, 'Course ' || n || ': ' || (${TOPICS})[1 + n % 12], 'Generated for benchmarks'
     from bench_courses`,
  `insert into courses (company_id, key, title) select '${BENCH_IDS.otherCompany}', 'other-' || n, 'Other course ' || n from generate_series(1, 5) n`,
  `insert into lessons (company_id, course_id, key, position, title)
     select c.company_id, c.id, 'lesson-' || p, p, 'Lesson ' || p from courses c cross join generate_series(1, 5) p`,

  // Owners: the bench admin for most groups, the other admins for the rest.
  `create temp table bench_admins as
     select row_number() over (order by id) as n, id from users where company_id = '${BENCH_IDS.company}' and 'admin' = any(roles)`,
  `create temp table bench_groups as
     select g, case g when 1 then '${BENCH_IDS.bigGroup}'::uuid else gen_random_uuid() end as id,
            case when g % 4 = 0 then (select id from bench_admins where n = 1 + g % 6) else '${BENCH_IDS.admin}'::uuid end as owner_id
     from generate_series(1, 2000) g`,
  `insert into learning_groups (id, company_id, name, description, course_id, max_members, visibility, created_by,
                                owner_id, archived_at, created_at, updated_at)
     select bg.id, '${BENCH_IDS.company}',
            case bg.g when 1 then 'All hands onboarding' else (${TOPICS})[1 + bg.g % 12] || ' ' || lpad(bg.g::text, 4, '0') end,
            'Generated for benchmarks', case when bg.g % 5 < 3 then bc.id end,
            case when bg.g % 7 = 0 then 50 end,
            (case when bg.g % 3 = 0 or bg.g = 1 then 'public' else 'private' end)::group_visibility,
            bg.owner_id, bg.owner_id,
            case when bg.g % 10 = 0 then now() - bg.g * interval '2 hours' end,
            now() - bg.g * interval '8 hours', now() - bg.g * interval '8 hours'
     from bench_groups bg join bench_courses bc on bc.n = 1 + bg.g % 40`,
  `insert into learning_groups (company_id, name, visibility, created_by, owner_id)
     select '${BENCH_IDS.otherCompany}', 'Other group ' || n, 'private', u.id, u.id
     from generate_series(1, 20) n, users u where u.email = 'person1@other.example'`,

  // Small groups: 5 to 40 active people each; the big group: 10,000 people from many departments.
  `insert into group_members (group_id, user_id, company_id, added_by, source, added_at)
     select bg.id, u.id, '${BENCH_IDS.company}', bg.owner_id, 'individual', now() - bg.g * interval '8 hours' + k * interval '1 minute'
     from bench_groups bg
     cross join lateral generate_series(1, 5 + bg.g % 36) k
     join bench_people pp on pp.i = 1 + (bg.g * 7919 + k * 104729) % 100000
     join users u on u.id = pp.id and u.deactivated_at is null
     where bg.g > 1
     on conflict do nothing`,
  `insert into group_members (group_id, user_id, company_id, added_by, source, added_at)
     select '${BENCH_IDS.bigGroup}', pp.id, '${BENCH_IDS.company}', '${BENCH_IDS.admin}', 'individual',
            now() - interval '90 days' + (pp.i % 500) * interval '1 minute'
     from bench_people pp where pp.p >= 11000 and pp.p < 21000`,
  `insert into group_members (group_id, user_id, company_id, added_by, source)
     select g.id, u.id, g.company_id, g.owner_id, 'individual'
     from learning_groups g join users u on u.company_id = g.company_id and u.email like 'person%@other.example'
     where g.company_id = '${BENCH_IDS.otherCompany}' and (hashtext(g.id::text || u.id::text) % 20) = 0`,
  `insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, at)
     select company_id, group_id, user_id, 'added', added_by, source, added_at from group_members`,
  // Every member was told of the add, as an admin's add tells them.
  `update group_members set announced = true`,
  `insert into audit_log (company_id, actor_id, action, target_type, target_id, details, created_at)
     select company_id, created_by, 'group.created', 'group', id, jsonb_build_object('name', name), created_at
     from learning_groups`,

  // The feed: periods in the big group's ledger beyond the first add. A tenth of its members were
  // removed 60 days ago and added again 30 days ago; 1,000 people were members from 90 to 45 days ago.
  `create temp table bench_feed_members as
     select row_number() over (order by user_id) as n, user_id as id from group_members where group_id = '${BENCH_IDS.bigGroup}'`,
  `create temp table bench_feed_others as
     select row_number() over (order by u.id) as n, u.id from users u
     where u.company_id = '${BENCH_IDS.company}'
       and not exists (select 1 from group_members m where m.group_id = '${BENCH_IDS.bigGroup}' and m.user_id = u.id)`,
  `insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, at)
     select '${BENCH_IDS.company}', '${BENCH_IDS.bigGroup}', m.id, k.kind::membership_event_kind, '${BENCH_IDS.admin}', 'individual', now() - k.ago
     from bench_feed_members m
     cross join (values ('removed', interval '60 days'), ('added', interval '30 days')) k(kind, ago)
     where m.n <= 1000`,
  `insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, at)
     select '${BENCH_IDS.company}', '${BENCH_IDS.bigGroup}', o.id, k.kind::membership_event_kind, '${BENCH_IDS.admin}', 'individual', now() - k.ago
     from bench_feed_others o
     cross join (values ('added', interval '90 days'), ('removed', interval '45 days')) k(kind, ago)
     where o.n <= 1000`,
  // 1,000,000 events over 90 days on 5 courses: 60 % on the big group's linked course, 10 % by its
  // (current or former) members, chosen independently; the rest by 50,000 other people.
  `create temp table bench_feed_courses as
     select 0 as n, course_id as id from learning_groups where id = '${BENCH_IDS.bigGroup}'
     union all
     select row_number() over (order by c.id), c.id from courses c
     where c.company_id = '${BENCH_IDS.company}' and c.id <> (select course_id from learning_groups where id = '${BENCH_IDS.bigGroup}')
     order by 1 limit 5`,
  `insert into activity_events (company_id, user_id, type, course_id, badge, payload, created_at)
     select '${BENCH_IDS.company}',
            case when i % 10 = 0 then m.id else o.id end,
            (case i % 20 when 1 then 'course_completed' when 3 then 'streak_milestone' when 5 then 'badge_awarded'
                          else 'lesson_completed' end)::activity_type,
            c.id,
            case when i % 20 = 5 then 'first_lesson'::badge end,
            jsonb_build_object('lessonTitle', 'Lesson ' || (1 + i % 5), 'score', i % 101, 'days', 7),
            now() - i * interval '7776 milliseconds'
     from generate_series(1::bigint, ${BENCH_SHAPE.activityEvents}) i
     join bench_feed_members m on m.n = 1 + (i * 7919) % 10000
     join bench_feed_others o on o.n = 1 + (i * 104729) % 50000
     join bench_feed_courses c on c.n = case when (i / 10) % 10 < 6 then 0 else 1 + (i / 100) % 4 end`,
  // Praise in the big group's chat, which enters its feed.
  `insert into group_messages (id, company_id, group_id, author_id, kind, body, praised_user_id, seq, operation_key, created_at)
     select gen_random_uuid(), '${BENCH_IDS.company}', '${BENCH_IDS.bigGroup}', a.id, 'praise', 'Thanks for the help, ' || i,
            b.id, i, 'bench-' || i, now() - i * interval '2 hours'
     from generate_series(1, ${BENCH_SHAPE.praiseMessages}) i
     join bench_feed_members a on a.n = 1 + (i * 13) % 10000
     join bench_feed_members b on b.n = 1 + (i * 29) % 10000`,
  `insert into activity_events (company_id, user_id, type, course_id, group_id, message_id, created_at)
     select company_id, author_id, 'praise', (select course_id from learning_groups where id = '${BENCH_IDS.bigGroup}'),
            group_id, id, created_at
     from group_messages where group_id = '${BENCH_IDS.bigGroup}'`,

  // ---- stats-group: the statistics group. 10,000 people (not the big group's) on a 50-lesson
  // course; member n has done the first (n * 7919) % 51 lessons — about 250,000 completions in all,
  // every bucket and band filled — and course_progress agrees with them, as completeLesson keeps it.
  `insert into courses (id, company_id, key, title, description)
     values ('${BENCH_IDS.statsCourse}', '${BENCH_IDS.company}', 'stats-course', 'Statistics course', 'Generated for benchmarks')`,
  `insert into lessons (company_id, course_id, key, position, title)
     select '${BENCH_IDS.company}', '${BENCH_IDS.statsCourse}', 'lesson-' || p, p, 'Lesson ' || p
     from generate_series(1, ${BENCH_SHAPE.statsLessons}) p`,
  `insert into learning_groups (id, company_id, name, description, course_id, visibility, created_by, owner_id, created_at)
     values ('${BENCH_IDS.statsGroup}', '${BENCH_IDS.company}', 'Statistics cohort', 'Generated for benchmarks',
             '${BENCH_IDS.statsCourse}', 'private', '${BENCH_IDS.admin}', '${BENCH_IDS.admin}', now() - interval '180 days')`,
  `create temp table bench_stats_members as
     select row_number() over (order by pp.i) as n, pp.id from bench_people pp where pp.p >= 21000 and pp.p < 31000`,
  `insert into group_members (group_id, user_id, company_id, added_by, source, added_at)
     select '${BENCH_IDS.statsGroup}', m.id, '${BENCH_IDS.company}', '${BENCH_IDS.admin}', 'individual',
            now() - interval '180 days' + (m.n % 1000) * interval '1 hour'
     from bench_stats_members m`,
  `insert into membership_events (company_id, group_id, user_id, kind, actor_id, source, at)
     select company_id, group_id, user_id, 'added', added_by, source, added_at from group_members where group_id = '${BENCH_IDS.statsGroup}'`,
  `insert into lesson_completions (company_id, user_id, course_id, lesson_id, score, completed_at)
     select '${BENCH_IDS.company}', m.id, l.course_id, l.id, case when l.position % 2 = 1 then (m.n * l.position) % 101 end,
            now() - ((m.n * 7919) % 51 - l.position) * interval '3 days' - (m.n % 24) * interval '1 hour'
     from bench_stats_members m
     join lessons l on l.course_id = '${BENCH_IDS.statsCourse}' and l.position <= (m.n * 7919) % 51`,
  `insert into course_progress (company_id, user_id, course_id, lessons_done, percent, score, last_activity_at, completed_at)
     select company_id, user_id, course_id, count(*), 100 * count(*) / ${BENCH_SHAPE.statsLessons}, round(avg(score)), max(completed_at),
            case when count(*) = ${BENCH_SHAPE.statsLessons} then max(completed_at) end
     from lesson_completions where course_id = '${BENCH_IDS.statsCourse}'
     group by company_id, user_id, course_id`,
  // ---- end stats-group
  // --- stats.reports: progress of the small groups' members in their groups' linked courses ---
  // 0 to 5 of the course's 5 lessons each (0: no row, "Not started yet"), completed at 5. Only the
  // 1,999 generated small groups: groups other generators add keep the progress they give them.
  `insert into course_progress (company_id, user_id, course_id, lessons_done, percent, score, last_activity_at, completed_at)
     select '${BENCH_IDS.company}', m.user_id, g.course_id, d.done, d.done * 20, 50 + d.done * 10,
            now() - (d.done + 1) * interval '1 day', case when d.done = 5 then now() - interval '1 day' end
     from bench_groups bg
     join learning_groups g on g.id = bg.id
     join group_members m on m.group_id = g.id
     cross join lateral (select abs(hashtext(m.user_id::text || g.course_id::text)) % 6 as done) d
     where bg.g > 1 and g.course_id is not null and d.done > 0
     on conflict do nothing`,

  // ---- stats-time: progress over time of the statistics group: its members' progress snapshots, one
  // per person and day with a completion, as completeLesson writes them (behind today's live point),
  // and 180 stored days of figures (before today).
  `insert into progress_snapshots (company_id, user_id, course_id, day, lessons_done, percent, score)
     select company_id, user_id, course_id, day, done, 100 * done / ${BENCH_SHAPE.statsLessons}, null
     from (
       select company_id, user_id, course_id, day, sum(n) over (partition by user_id order by day)::int as done
       from (
         select company_id, user_id, course_id, (completed_at at time zone 'UTC')::date as day, count(*) as n
         from lesson_completions where course_id = '${BENCH_IDS.statsCourse}'
         group by company_id, user_id, course_id, day
       ) per_day
     ) cumulative`,
  `insert into group_progress_daily (group_id, company_id, day, course_id, members, average_percent, done, halfway, not_started)
     select g.id, g.company_id, current_date - d, g.course_id, 10000, 50.0 * (180 - d) / 180, 10 * (180 - d), 3000, 7000 - 10 * (180 - d)
     from learning_groups g cross join generate_series(1, 180) d
     where g.id = '${BENCH_IDS.statsGroup}'`,
  // ---- end stats-time
];
