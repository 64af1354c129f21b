namespace Learning.Quizzes.Services;

/// <summary>The codes of <see cref="ImportProblem"/> that readers report (resource keys).</summary>
public static class ImportCodes
{
    public const string UnsupportedType = "Import.Problem.UnsupportedType";
    public const string UnclosedBrace = "Import.Problem.UnclosedBrace";
    public const string TooFewAnswers = "Import.Problem.TooFewAnswers";
    public const string NoCorrectAnswer = "Import.Problem.NoCorrectAnswer";
    public const string NoNumber = "Import.Problem.NoNumber";
    public const string NotANumber = "Import.Problem.NotANumber";
    public const string MissingText = "Import.Problem.MissingText";
    public const string MatchingWithoutArrow = "Import.Problem.MatchingWithoutArrow";
    public const string BadWeight = "Import.Problem.BadWeight";
    public const string NotWellFormedXml = "Import.Problem.NotWellFormedXml";
    public const string NotMoodleXml = "Import.Problem.NotMoodleXml";
    public const string NotXlsx = "Import.Problem.NotXlsx";
    public const string UnclosedQuote = "Import.Problem.UnclosedQuote";
    public const string NotUtf8 = "Import.Problem.NotUtf8";
    public const string MissingColumns = "Import.Problem.MissingColumns";
    public const string UnknownType = "Import.Problem.UnknownType";
    public const string EmptyFile = "Import.Problem.EmptyFile";
    public const string BadMarker = "Import.Problem.BadMarker";
    public const string MissingImage = "Import.Problem.MissingImage";
    public const string NotAnImage = "Import.Problem.NotAnImage";
    public const string ImageTooLarge = "Import.Problem.ImageTooLarge";
}
