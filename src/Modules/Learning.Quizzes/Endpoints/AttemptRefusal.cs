namespace Learning.Quizzes.Endpoints;

/// <summary>Why a save changed nothing: a message for the cadre, in their language, and its code for the script.</summary>
public sealed record AttemptRefusal(string Code, string Message);
