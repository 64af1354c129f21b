using System.Globalization;
using Learning.Modularity;
using Learning.Notifications;

namespace Learning.Courses.Services;

/// <summary>
/// The notices this module sends about a cadre's course (assigned, due in 7 days, due tomorrow, overdue), with the model
/// <see cref="NoticeTypes"/> documents. Dates are the cadre's calendar day in Vietnam (a due date is 23:59 local time).
/// </summary>
public static class CourseNotices
{
    public static string Link(string slug) => "/Courses/" + Uri.EscapeDataString(slug);

    /// <summary>One message per course within the hold, however many changes (assignments, due dates) reach the cadre.</summary>
    public static string GroupKey(int courseId) => "course:" + courseId.ToString(CultureInfo.InvariantCulture);

    public static Notice Assigned(string userId, int courseId, string title, string slug, DateTime? dueUtc) =>
        new(userId, NoticeTypes.CourseAssigned, new
        {
            Course = new { Title = title, Url = Link(slug) },
            DueDate = FormatDay(dueUtc),
            DueUtc = dueUtc,
        })
        { Link = Link(slug), GroupKey = GroupKey(courseId) };

    /// <summary>A reminder of <paramref name="type"/> (<see cref="NoticeTypes.DueIn7Days"/>, <see cref="NoticeTypes.DueIn1Day"/>, <see cref="NoticeTypes.Overdue"/>).</summary>
    public static Notice Reminder(string type, string userId, string title, string slug, DateTime dueUtc, DateTime nowUtc) =>
        new(userId, type, new
        {
            Course = new { Title = title, Url = Link(slug) },
            DueDate = FormatDay(dueUtc),
            DueUtc = dueUtc,
            DaysLeft = Math.Max(0, (LocalTime.ToLocal(dueUtc).Date - LocalTime.ToLocal(nowUtc).Date).Days),
        })
        { Link = Link(slug) };

    /// <summary>"25/12/2026": the day in Vietnam, as Vietnamese write it; empty for no date.</summary>
    public static string FormatDay(DateTime? utc) =>
        utc is { } value ? LocalTime.ToLocal(value).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";
}
