-- Country-scale data for the reports bench (issue 14), set-based, into the tables the migrations create. Run by bench/reports.sh
-- with psql after the site's setup and `Learning.Bench reports-courses` (50 published courses of 20 lessons, slugs thu-tai-NNN):
--   psql -v cadres=200000 -f bench/reports-seed.sql
-- 34 provinces, 3,321 communes and wards (2 units each), :cadres cadres with accounts (Cadre role), 15 enrolments each in 50
-- courses (3,000,000 at full scale), lesson progress matching each enrolment's CompletedLessons (about 20,000,000), and a best-of
-- quiz attempt history (about 1,000,000). Deterministic: every "random" value is a hash of the row's numbers.
-- Secondary indexes of the big tables are dropped during the load and recreated from their saved definitions afterwards, as
-- pg_restore does: the end state is the migration's schema.
\set ON_ERROR_STOP on
\timing on
SET client_min_messages = warning;
SELECT now() AS started \gset

-- Not-random-but-spread: 0..999 from a row's numbers.
CREATE OR REPLACE FUNCTION pg_temp.r(a bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT (abs(hashint8(a * 7919 + salt)) % 1000)::int $$;

-- Organisation --------------------------------------------------------------------------------------------------------------
INSERT INTO org_unit ("Code", "Name", "Kind", "Path")
SELECT 'QG-P' || lpad(p::text, 2, '0'), n, 'Province', '/'
FROM unnest(ARRAY['Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa (thử tải)', 'Nghệ An',
    'Hà Tĩnh', 'Cao Bằng', 'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Hải Phòng', 'Ninh Bình',
    'Quảng Trị', 'Đà Nẵng', 'Quảng Ngãi', 'Gia Lai', 'Khánh Hòa (thử tải)', 'Lâm Đồng', 'Đắk Lắk', 'Hồ Chí Minh', 'Đồng Nai',
    'Tây Ninh', 'Cần Thơ', 'Vĩnh Long', 'Đồng Tháp', 'Cà Mau', 'An Giang']) WITH ORDINALITY AS t(n, p);
UPDATE org_unit SET "Path" = '/' || "Id" || '/' WHERE "Code" LIKE 'QG-P%';

-- 3,321 communes and wards spread over the provinces (97 or 98 each).
INSERT INTO org_unit ("Code", "Name", "Kind", "ParentId", "Path")
SELECT 'QG-C' || lpad(c::text, 4, '0'),
       CASE WHEN c % 5 = 0 THEN 'Phường ' ELSE 'Xã ' END
         || (ARRAY['An', 'Bình', 'Hòa', 'Phú', 'Tân', 'Vĩnh', 'Phước', 'Long', 'Thạnh', 'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Hưng', 'Quảng', 'Đức', 'Mỹ', 'Thuận', 'Xuân'])[1 + c % 20]
         || ' ' || (ARRAY['Lợi', 'Thành', 'Hải', 'Sơn', 'Điền', 'Khánh', 'Lộc', 'Thịnh', 'Tiến', 'Hiệp', 'Nghĩa', 'Phong', 'Hà', 'Yên', 'Trạch'])[1 + (c / 20) % 15]
         || ' ' || c,
       CASE WHEN c % 5 = 0 THEN 'Ward' ELSE 'Commune' END, p."Id", '/'
FROM generate_series(1, 3321) AS c
JOIN org_unit p ON p."Code" = 'QG-P' || lpad((1 + (c - 1) % 34)::text, 2, '0');
UPDATE org_unit u SET "Path" = p."Path" || u."Id" || '/' FROM org_unit p WHERE u."ParentId" = p."Id" AND u."Code" LIKE 'QG-C%';

INSERT INTO org_unit ("Code", "Name", "Kind", "ParentId", "Path")
SELECT c."Code" || '-' || j, (ARRAY['Văn phòng HĐND và UBND', 'Phòng Kinh tế'])[j], 'Unit', c."Id", '/'
FROM org_unit c CROSS JOIN generate_series(1, 2) AS j WHERE c."Code" LIKE 'QG-C%';
UPDATE org_unit u SET "Path" = p."Path" || u."Id" || '/' FROM org_unit p WHERE u."ParentId" = p."Id" AND u."Code" LIKE 'QG-C%-_';

CREATE TEMP TABLE bench_unit AS
SELECT (row_number() OVER (ORDER BY "Id") - 1)::int AS n, "Id" AS id, "Path" AS path FROM org_unit WHERE "Code" LIKE 'QG-C%-_';
SELECT count(*) AS units FROM bench_unit \gset

-- Indexes of the big tables, saved and dropped for the load ---------------------------------------------------------------
CREATE TEMP TABLE bench_index AS
SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = 'public' AND i.tablename IN ('identity_user', 'identity_user_role', 'org_cadre', 'courses_enrollment', 'courses_lesson_progress', 'quizzes_attempt')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname);
SELECT format('DROP INDEX %I', indexname) FROM bench_index \gexec

-- Cadres and their accounts -------------------------------------------------------------------------------------------------
CREATE TEMP TABLE bench_name AS
SELECT i,
       (ARRAY['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'])[1 + pg_temp.r(i, 1) % 16]
         || ' ' || (ARRAY['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Hữu', 'Quốc'])[1 + pg_temp.r(i, 2) % 8]
         || ' ' || (ARRAY['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hằng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quang', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến', 'Đạt'])[1 + pg_temp.r(i, 3) % 24] AS full_name,
       (ARRAY['nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly'])[1 + pg_temp.r(i, 1) % 16]
         || ' ' || (ARRAY['van', 'thi', 'duc', 'minh', 'ngoc', 'thu', 'huu', 'quoc'])[1 + pg_temp.r(i, 2) % 8]
         || ' ' || (ARRAY['an', 'binh', 'cuong', 'dung', 'ha', 'hai', 'hang', 'huong', 'khanh', 'lan', 'linh', 'long', 'mai', 'nam', 'nga', 'phuc', 'quang', 'son', 'thao', 'trang', 'tuan', 'viet', 'yen', 'dat'])[1 + pg_temp.r(i, 3) % 24] AS folded,
       1 + pg_temp.r(i, 4) % 7 AS position
FROM generate_series(1, :cadres) AS i;

INSERT INTO identity_user ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "CreatedUtc", "SearchText")
SELECT 'qg-' || i, 'qg' || i || '@example.vn', 'QG' || i || '@EXAMPLE.VN', 'qg' || i || '@example.vn', 'QG' || i || '@EXAMPLE.VN', true,
       md5(i::text), md5((-i)::text), false, false, true, 0, full_name, now() - interval '200 days', folded || ' qg' || i || ' example vn'
FROM bench_name;
INSERT INTO identity_user_role ("UserId", "RoleId") SELECT 'qg-' || i, (SELECT "Id" FROM identity_role WHERE "Name" = 'Cadre') FROM bench_name;

INSERT INTO org_cadre ("Email", "FullName", "Position", "UnitId", "OrgPath", "UserId", "IsAccountingOfficer", "JoinedCommuneOn", "TransferredFrom",
    "CreatedUtc", "UpdatedUtc", "SearchText")
SELECT 'qg' || i || '@example.vn', full_name,
       (ARRAY['Phó Chủ tịch UBND', 'Công chức Văn phòng – Thống kê', 'Công chức Tài chính – Kế toán', 'Công chức Tư pháp – Hộ tịch',
              'Công chức Địa chính – Xây dựng', 'Công chức Văn hóa – Xã hội', 'Chuyên viên Trung tâm Phục vụ hành chính công'])[position],
       u.id, u.path, 'qg-' || i, position = 3,
       DATE '2025-07-01' + (pg_temp.r(i, 5) % 400), CASE WHEN pg_temp.r(i, 6) < 300 THEN 'Huyện cũ ' || (1 + pg_temp.r(i, 7) % 700) END,
       now() - interval '200 days', now() - interval '200 days',
       folded || ' qg' || i || ' example vn ' || (ARRAY['pho chu tich ubnd', 'cong chuc van phong thong ke', 'cong chuc tai chinh ke toan', 'cong chuc tu phap ho tich',
              'cong chuc dia chinh xay dung', 'cong chuc van hoa xa hoi', 'chuyen vien trung tam phuc vu hanh chinh cong'])[position]
FROM bench_name JOIN bench_unit u ON u.n = (i - 1) % :units;

-- Enrolments: 15 of the 50 bench courses per cadre; 40 % not started, 40 % in progress (1-12 of 20 lessons), 20 % completed.
-- Enrolled over the last 180 days, due 90 days later (so part of the unfinished are overdue), one in ten without a due date.
CREATE TEMP TABLE bench_course AS
SELECT (row_number() OVER (ORDER BY "Id") - 1)::int AS n, "Id" AS id, "Slug" AS slug FROM courses_course WHERE "Slug" LIKE 'thu-tai-%';
SELECT count(*) AS courses FROM bench_course \gset

INSERT INTO courses_enrollment ("UserId", "CourseId", "Source", "EnrolledUtc", "DueUtc", "CompletedUtc", "LastLessonKey", "LastActivityUtc",
    "CompletedLessons", "RequiredLessons")
SELECT 'qg-' || i, c.id, 'Assigned', enrolled,
       CASE WHEN pg_temp.r(e, 11) >= 100 THEN enrolled + interval '90 days' END,
       CASE WHEN done = 20 THEN least(now(), enrolled + (1 + pg_temp.r(e, 12) % 60) * interval '1 day') END,
       CASE WHEN done > 0 THEN 'm' || (1 + (done - 1) / 5) || '-l' || (1 + (done - 1) % 5) END,
       CASE WHEN done > 0 THEN least(now(), enrolled + (pg_temp.r(e, 13) % 60) * interval '1 day') END,
       done, 20
FROM (SELECT i, k, i::bigint * 64 + k AS e,
             now() - (pg_temp.r(i::bigint * 64 + k, 9) % 180) * interval '1 day' - (pg_temp.r(i::bigint * 64 + k, 14)) * interval '1 minute' AS enrolled,
             CASE WHEN pg_temp.r(i::bigint * 64 + k, 10) < 400 THEN 0 WHEN pg_temp.r(i::bigint * 64 + k, 10) < 800 THEN 1 + pg_temp.r(i::bigint * 64 + k, 10) % 12 ELSE 20 END AS done
      FROM generate_series(1, :cadres) AS i CROSS JOIN generate_series(0, 14) AS k) s
JOIN bench_course c ON c.n = (s.i * 7 + s.k * 3) % :courses;

-- Lesson progress: one row per lesson done, in course order (m1-l1 ... m4-l5).
INSERT INTO courses_lesson_progress ("UserId", "CourseId", "LessonKey", "FirstOpenedUtc", "CompletedUtc", "CompletedBy")
SELECT e."UserId", e."CourseId", 'm' || (1 + (l - 1) / 5) || '-l' || (1 + (l - 1) % 5),
       e."EnrolledUtc" + l * interval '3 hours', e."EnrolledUtc" + l * interval '3 hours' + interval '12 minutes', 'opened'
FROM courses_enrollment e CROSS JOIN LATERAL generate_series(1, e."CompletedLessons") AS l
WHERE e."UserId" LIKE 'qg-%' AND e."CompletedLessons" > 0;

-- Quiz attempts: one final quiz per bench course; each completed enrolment has a graded attempt, two thirds of them a second one.
INSERT INTO quizzes_quiz ("Key", "Title", "Intro", "CourseSlug", "TimeLimitSeconds", "AttemptsAllowed", "GradingMethod", "PassPercent",
    "QuestionsPerPage", "ShuffleQuestions", "ShuffleOptions", "DelayBetweenAttemptsSeconds", "ReviewDuring", "ReviewImmediately",
    "ReviewLaterOpen", "ReviewAfterClose", "CreatedUtc", "UpdatedUtc")
SELECT 'kt-' || c.slug, 'Bài kiểm tra cuối khóa: thử tải ' || c.n, q."Intro", c.slug, q."TimeLimitSeconds", q."AttemptsAllowed", q."GradingMethod",
       q."PassPercent", q."QuestionsPerPage", q."ShuffleQuestions", q."ShuffleOptions", q."DelayBetweenAttemptsSeconds", q."ReviewDuring",
       q."ReviewImmediately", q."ReviewLaterOpen", q."ReviewAfterClose", now(), now()
FROM bench_course c CROSS JOIN (SELECT * FROM quizzes_quiz ORDER BY "Id" LIMIT 1) q;

INSERT INTO quizzes_attempt ("PublicId", "QuizId", "UserId", "Number", "State", "CourseId", "CourseSlug", "LessonKey", "StartedUtc",
    "DeadlineUtc", "SubmittedUtc", "SubmittedBy", "CurrentPage", "PageCount", "Score", "MaxScore", "Passed", "GradedUtc")
SELECT gen_random_uuid(), q."Id", e."UserId", t.nr, 'Finished', e."CourseId", q."CourseSlug", 'm4-l5',
       e."CompletedUtc" - ((3 - t.nr) * interval '1 hour'), e."CompletedUtc" - ((3 - t.nr) * interval '1 hour') + interval '15 minutes',
       e."CompletedUtc" - ((3 - t.nr) * interval '1 hour') + interval '11 minutes', e."UserId", 4, 5, s.score, 10, s.score >= 8,
       e."CompletedUtc" - ((3 - t.nr) * interval '1 hour') + interval '11 minutes'
FROM courses_enrollment e
JOIN bench_course c ON c.id = e."CourseId"
JOIN quizzes_quiz q ON q."Key" = 'kt-' || c.slug
CROSS JOIN LATERAL generate_series(1, CASE WHEN pg_temp.r(e."Id", 15) < 667 THEN 2 ELSE 1 END) AS t(nr)
CROSS JOIN LATERAL (SELECT (4 + pg_temp.r(e."Id" * 3 + t.nr, 16) % 61 / 10.0)::numeric(9, 3) AS score) s
WHERE e."UserId" LIKE 'qg-%' AND e."CompletedUtc" IS NOT NULL;

-- Indexes back, then what autovacuum would have done by the time anyone reads ------------------------------------------------
SELECT indexdef FROM bench_index \gexec
VACUUM (ANALYZE) org_unit, org_cadre, identity_user, identity_user_role, courses_enrollment, courses_lesson_progress, quizzes_attempt, quizzes_quiz;

SELECT (SELECT count(*) FROM org_unit WHERE "Code" LIKE 'QG-P%') AS provinces,
       (SELECT count(*) FROM org_unit WHERE "Code" LIKE 'QG-C%' AND "Kind" <> 'Unit') AS communes,
       (SELECT count(*) FROM org_unit WHERE "Code" LIKE 'QG-C%' AND "Kind" = 'Unit') AS units,
       (SELECT count(*) FROM org_cadre WHERE "UserId" LIKE 'qg-%') AS cadres,
       (SELECT count(*) FROM courses_enrollment WHERE "UserId" LIKE 'qg-%') AS enrolments,
       (SELECT count(*) FROM courses_lesson_progress WHERE "UserId" LIKE 'qg-%') AS lesson_progress,
       (SELECT count(*) FROM quizzes_attempt WHERE "UserId" LIKE 'qg-%') AS quiz_attempts,
       pg_size_pretty(pg_database_size(current_database())) AS database_size,
       round(extract(epoch FROM clock_timestamp() - :'started'::timestamptz)) AS seconds;
