namespace Learning.Quizzes.Services;

/// <summary>What a reader made of a file: the questions it could read and the problems it met, both in file order.</summary>
public sealed record QuestionImport(IReadOnlyList<ImportedQuestion> Items, IReadOnlyList<ImportProblem> Problems)
{
    public static QuestionImport FileProblem(string position, string code, params object[] args) =>
        new([], [new ImportProblem(position, null, code, args)]);
}
