namespace Learning.Quizzes;

/// <summary>Marker for this module's resources.</summary>
public sealed class QuizzesStrings;
