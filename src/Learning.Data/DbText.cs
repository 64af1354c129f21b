namespace Learning.Data;

/// <summary>String functions a LINQ query over <see cref="LearningDbContext"/> may call; the context translates them to SQL.</summary>
public static class DbText
{
    /// <summary>
    /// The value as the provider's unbounded string type: <c>x::text</c> on PostgreSQL, <c>CAST(x AS TEXT)</c> on SQLite (the
    /// value itself when run in memory). Give the branches of a UNION ALL one type: PostgreSQL resolves a union of
    /// <c>varchar(n)</c> and <c>text</c> to rows it estimates ten times too wide, and then builds its hash joins on the wrong
    /// side (a province's report hashed three million enrolments instead of six thousand cadres: bench/README.md, reports).
    /// </summary>
    public static string? Unbounded(string? value) => value;
}
