-- 1,000,000 xAPI statements for the HTTP part of bench/reports.sh (PART=http), in helper C's table reports_statements: a
-- "launched" and a "completed" statement per lesson done by the cadres of one province (QG-P01), in time order, as the
-- recorder would have stored them. Needs the reports-xapi branch merged (its migration creates the table).
\set ON_ERROR_STOP on
\timing on
INSERT INTO reports_statements ("StatementId", "StoredUtc", "TimestampUtc", "UserId", "Verb", "ActivityType", "ActivityKey", "ActivityName",
    "CourseId", "OrgPath", "UnitName", "Completion")
SELECT gen_random_uuid(), v.t, v.t, p."UserId", v.verb, 'lesson', p."CourseId" || '/' || p."LessonKey", 'Bài ' || p."LessonKey",
       p."CourseId", c."OrgPath", u."Name", CASE WHEN v.verb = 'completed' THEN true END
FROM org_cadre c
JOIN org_unit u ON u."Id" = c."UnitId"
JOIN courses_lesson_progress p ON p."UserId" = c."UserId"
CROSS JOIN LATERAL (VALUES ('launched', p."FirstOpenedUtc"), ('completed', p."CompletedUtc")) AS v(verb, t)
WHERE c."OrgPath" LIKE (SELECT "Path" FROM org_unit WHERE "Code" = 'QG-P01') || '%'
ORDER BY v.t
LIMIT 1000000;
VACUUM (ANALYZE) reports_statements;
