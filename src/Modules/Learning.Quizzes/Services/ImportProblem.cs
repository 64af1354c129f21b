namespace Learning.Quizzes.Services;

/// <summary>
/// Something in a file that will not be imported: where (<see cref="Position"/>, as in <see cref="ImportedQuestion"/>), which
/// question when it has a name, and what (<see cref="Code"/> is a resource key under <c>Import.Problem.</c> or
/// <c>Question.Invalid.</c>, formatted with <see cref="Args"/>).
/// </summary>
public sealed record ImportProblem(string Position, string? Name, string Code, IReadOnlyList<object> Args);
