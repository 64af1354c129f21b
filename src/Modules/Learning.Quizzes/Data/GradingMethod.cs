namespace Learning.Quizzes.Data;

/// <summary>Which attempt counts, as in Moodle.</summary>
public enum GradingMethod
{
    Highest,
    Average,
    First,
    Last,
}
