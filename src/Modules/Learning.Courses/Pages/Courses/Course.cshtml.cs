using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Courses;

[RequirePermission(Permissions.Names.Learn)]
public sealed class CourseModel(CourseReader reader, EnrollmentService enrollments, ProgressService progress, TimeProvider clock, IStringLocalizer<CoursesStrings> t) : PageModel
{
    public PublishedCourse? Published { get; private set; }

    public Enrollment? Enrollment { get; private set; }

    public IReadOnlySet<string> Completed { get; private set; } = new HashSet<string>();

    public CourseAccess Access { get; private set; }

    public bool Overdue { get; private set; }

    public string? ContinueKey { get; private set; }

    public string? Message { get; private set; }

    private string UserId => User.RequiredUserId();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnrolAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await enrollments.SelfEnrolAsync(UserId, Published!.Course, cancellationToken);
        if (outcome is EnrolOutcome.Enrolled or EnrolOutcome.AlreadyEnrolled)
        {
            return Redirect($"/Courses/{slug}");
        }

        Message = t["Enrol." + outcome];
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        Published = await reader.FindPublishedAsync(slug, cancellationToken);
        if (Published is null)
        {
            return false;
        }

        var course = Published.Course;
        var state = await progress.LoadAsync(UserId, course.Id, cancellationToken);
        Enrollment = state?.Enrollment;
        var now = clock.GetUtcNow().UtcDateTime;
        Access = await enrollments.AccessAsync(UserId, course, cancellationToken);
        if (state is not null && Enrollment is not null)
        {
            Completed = state.Completed;
            Overdue = Enrollment.CompletedUtc is null && Enrollment.DueUtc < now;
            var snapshot = Published.Snapshot;
            ContinueKey = Enrollment.LastLessonKey is { } last && snapshot.Find(last) is not null && !Completed.Contains(last)
                ? last
                : snapshot.Lessons.FirstOrDefault(l => !Completed.Contains(l.Key) && AccessRules.ForLesson(snapshot, Completed, l.Key) == LessonAccess.Open)?.Key;
        }

        return true;
    }
}
