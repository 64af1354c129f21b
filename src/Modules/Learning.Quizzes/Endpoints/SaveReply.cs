namespace Learning.Quizzes.Endpoints;

/// <summary>The answers now stored (the script drops them from its waiting list), the deadline and the server's clock.</summary>
public sealed record SaveReply(IReadOnlyList<SavedAnswer> Saved, DateTime? Deadline, DateTime ServerNow);
