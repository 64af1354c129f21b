namespace Learning.Quizzes.Data;

public enum AttemptState
{
    InProgress,

    /// <summary>Submitted; some essays still wait for a trainer, so the grade is not final.</summary>
    NeedsGrading,

    Finished,

    /// <summary>
    /// Drawn ahead of the quiz's opening for a cadre waiting on its page (Moodle 5's pre-created attempts): its questions are
    /// stored, its clock has not started, and nothing but the start that claims it sees it (a query filter hides it).
    /// </summary>
    NotStarted,
}
