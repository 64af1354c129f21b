namespace Learning.Quizzes.Data;

/// <summary>What a review shows (Moodle's review options): each moment of a quiz has its own set.</summary>
[Flags]
public enum ReviewItems
{
    None = 0,

    /// <summary>The cadre's own answers.</summary>
    Answer = 1,

    /// <summary>Whether each answer was right.</summary>
    Correctness = 2,

    /// <summary>Marks per question and the total.</summary>
    Marks = 4,

    /// <summary>Per-option feedback.</summary>
    Feedback = 8,

    /// <summary>The general explanation of each question.</summary>
    GeneralFeedback = 16,

    /// <summary>The right answer.</summary>
    RightAnswer = 32,

    All = Answer | Correctness | Marks | Feedback | GeneralFeedback | RightAnswer,
}
