using Learning.Courses.Data;
using Learning.Data;

namespace Learning.Courses.Services;

internal sealed class CourseReportRows : ICourseReportRows
{
    public IQueryable<EnrollmentRow> Enrollments(object context) =>
        Db(context).Set<Enrollment>().Where(e => e.WithdrawnUtc == null).Select(e => new EnrollmentRow
        {
            UserId = e.UserId,
            CourseId = e.CourseId,
            EnrolledUtc = e.EnrolledUtc,
            DueUtc = e.DueUtc,
            CompletedUtc = e.CompletedUtc,
            LastActivityUtc = e.LastActivityUtc,
            CompletedLessons = e.CompletedLessons,
            RequiredLessons = e.RequiredLessons,
            Simulated = e.Source == EnrollmentSource.Simulated,
        });

    public IQueryable<CourseRow> Courses(object context) =>
        Db(context).Set<Course>().Select(c => new CourseRow { Id = c.Id, Slug = c.Slug, Title = c.Title, EstimatedHours = c.EstimatedHours, IsPublished = c.IsPublished });

    public IQueryable<PathRow> Paths(object context) =>
        Db(context).Set<LearningPath>().Select(p => new PathRow { Id = p.Id, Title = p.Title, IsPublished = p.IsPublished });

    public IQueryable<PathCourseRow> PathCourses(object context) =>
        Db(context).Set<LearningPathCourse>().Select(p => new PathCourseRow { PathId = p.PathId, CourseId = p.CourseId });

    public IQueryable<WithdrawalRow> Withdrawals(object context) =>
        Db(context).Set<Enrollment>().Where(e => e.WithdrawnUtc != null)
            .Select(e => new WithdrawalRow { UserId = e.UserId, CourseId = e.CourseId, WithdrawnUtc = e.WithdrawnUtc!.Value });

    public IQueryable<LessonProgressRow> LessonProgress(object context) =>
        Db(context).Set<LessonProgress>().Select(p => new LessonProgressRow
        {
            UserId = p.UserId, CourseId = p.CourseId, LessonKey = p.LessonKey, FirstOpenedUtc = p.FirstOpenedUtc, CompletedUtc = p.CompletedUtc,
        });

    public IQueryable<LessonRow> Lessons(object context) =>
        from l in Db(context).Set<Lesson>()
        join m in Db(context).Set<CourseModule>() on l.ModuleId equals m.Id
        select new LessonRow { CourseId = l.CourseId, Key = l.Key, Title = l.Title, Kind = l.Kind, ModulePosition = m.Position, Position = l.Position, Reference = l.Reference };

    private static LearningDbContext Db(object context) =>
        context as LearningDbContext ?? throw new ArgumentException("A LearningDbContext is expected.", nameof(context));
}
