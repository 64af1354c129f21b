namespace Learning.Quizzes.Services;

/// <summary>The files the bank imports and exports.</summary>
public enum QuestionFileFormat
{
    Gift,
    MoodleXml,
    Csv,
    Xlsx,
}
