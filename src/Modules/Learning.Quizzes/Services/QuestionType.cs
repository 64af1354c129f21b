namespace Learning.Quizzes.Services;

/// <summary>The question types of the bank. The stored name is the enum name; formats map them to Moodle's and GIFT's.</summary>
public enum QuestionType
{
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    ShortAnswer,
    Numerical,
    Matching,
    Ordering,
    Essay,
}
