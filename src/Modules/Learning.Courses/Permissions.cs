using Learning.Modularity;

namespace Learning.Courses;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission Learn = new(Names.Learn, "Browse the catalog, enrol and learn");
    public static readonly Permission Author = new(Names.Author, "Create and edit courses, publish versions, import and export course packages");
    public static readonly Permission Assign = new(Names.Assign, "Assign courses to cadres, units, positions or by rule within one's scope");

    public IEnumerable<Permission> GetPermissions() => [Learn, Author, Assign];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Cadre, [Learn]),
        new(LearningRoles.Trainer, [Learn, Author, Assign]),
        new(LearningRoles.Manager, [Learn, Assign]),
    ];

    public static class Names
    {
        public const string Learn = "Courses.Learn";
        public const string Author = "Courses.Author";
        public const string Assign = "Courses.Assign";
    }
}
