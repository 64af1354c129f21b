namespace Learning.Quizzes.Data;

public enum AttemptState
{
    InProgress,

    /// <summary>Submitted; some essays still wait for a trainer, so the grade is not final.</summary>
    NeedsGrading,

    Finished,
}
