using Learning.Modularity;

namespace Learning.Users;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageUsers = new(Names.ManageUsers, "Create accounts, assign roles, unlock and reset passwords");

    public IEnumerable<Permission> GetPermissions() => [ManageUsers];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [];

    public static class Names
    {
        public const string ManageUsers = "Users.Manage";
    }
}
