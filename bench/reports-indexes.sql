-- Indexes proposed for the completion report (issue 14; see bench/README.md). Applied by `INDEXES=1 bench/reports.sh` after
-- the seed, to measure them before they go into the modules' configurations and a migration:
-- 1. Quizzes: the best graded attempt per learner and course, found by index (an index-only scan) instead of aggregating every
--    attempt of the site on each report: AttemptConfiguration, HasIndex(a => new { a.UserId, a.CourseId }).IncludeProperties(
--    a => new { a.Score, a.MaxScore, a.State }). It pays only when the report asks per enrolment (a correlated subquery), not
--    through a GROUP BY over all attempts joined afterwards.
-- 2. Organization: the scope's prefix match (OrgPath LIKE '/56/%') by index under any database collation: the existing
--    IX_org_cadre_OrgPath is usable for LIKE only when the database's collation is C. CadreConfiguration,
--    HasIndex(c => c.OrgPath).HasOperators("varchar_pattern_ops") (PostgreSQL; SQLite ignores it).
\set ON_ERROR_STOP on
\timing on
CREATE INDEX IF NOT EXISTS "IX_quizzes_attempt_UserId_CourseId" ON quizzes_attempt ("UserId", "CourseId") INCLUDE ("Score", "MaxScore", "State");
CREATE INDEX IF NOT EXISTS "IX_org_cadre_OrgPath_pattern" ON org_cadre ("OrgPath" varchar_pattern_ops) INCLUDE ("UserId");
VACUUM (ANALYZE) quizzes_attempt, org_cadre;
