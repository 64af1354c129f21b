namespace Learning.Quizzes.Services;

/// <summary>What an import wrote: nothing when it did not succeed; otherwise how many questions were created and updated,
/// and how many items with problems were left out.</summary>
public sealed record ImportOutcome(bool Succeeded, int Created, int Updated, int Skipped, string? Error)
{
    public static ImportOutcome Refused(string error) => new(false, 0, 0, 0, error);
}
