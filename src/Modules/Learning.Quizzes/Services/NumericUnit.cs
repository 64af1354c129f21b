namespace Learning.Quizzes.Services;

/// <summary>Numerical: a unit the answer may carry, and what a value in it is multiplied by to compare (km → 1000 for m).</summary>
public sealed record NumericUnit
{
    public string Name { get; init; } = "";

    public double Multiplier { get; init; } = 1;
}
