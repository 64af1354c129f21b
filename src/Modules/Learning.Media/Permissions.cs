using Learning.Modularity;

namespace Learning.Media;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission Manage = new(Names.Manage, "Upload and process videos, captions, help videos and hotlines");
    public static readonly Permission Help = new(Names.Help, "Use the help library of video instructions and the support hotlines");

    public IEnumerable<Permission> GetPermissions() => [Manage, Help];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Cadre, [Help]),
        new(LearningRoles.Trainer, [Help, Manage]),
        new(LearningRoles.Manager, [Help]),
    ];

    public static class Names
    {
        public const string Manage = "Media.Manage";
        public const string Help = "Media.Help";
    }
}
