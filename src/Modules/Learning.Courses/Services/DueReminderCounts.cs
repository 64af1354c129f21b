namespace Learning.Courses.Services;

/// <summary>How many reminders one run queued, by kind.</summary>
public sealed record DueReminderCounts(int DueIn7Days, int DueIn1Day, int Overdue)
{
    public int Total => DueIn7Days + DueIn1Day + Overdue;
}
