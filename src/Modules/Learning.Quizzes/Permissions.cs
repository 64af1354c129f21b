using Learning.Modularity;

namespace Learning.Quizzes;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission Take = new(Names.Take, "Take quizzes and read one's own results");
    public static readonly Permission Author = new(Names.Author, "Edit the question bank and quizzes, import and export questions");
    public static readonly Permission Grade = new(Names.Grade, "Read results and attempt logs, grade essays, re-grade, and grant accommodations within one's scope");

    public IEnumerable<Permission> GetPermissions() => [Take, Author, Grade];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Cadre, [Take]),
        new(LearningRoles.Trainer, [Take, Author, Grade]),
        new(LearningRoles.Manager, [Take]),
    ];

    public static class Names
    {
        public const string Take = "Quizzes.Take";
        public const string Author = "Quizzes.Author";
        public const string Grade = "Quizzes.Grade";
    }
}
