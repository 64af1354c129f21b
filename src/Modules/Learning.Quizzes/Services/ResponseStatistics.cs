namespace Learning.Quizzes.Services;

/// <summary>How many attempts at a question gave one response (an option id, or a normalised answer), and their share in [0, 1].</summary>
public sealed record ResponseStatistics(string Key, int Count, double Share);
