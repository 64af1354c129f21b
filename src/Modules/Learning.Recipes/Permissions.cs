using Learning.Modularity;

namespace Learning.Recipes;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission RunRecipes = new(Names.RunRecipes, "Run and upload recipes");

    public IEnumerable<Permission> GetPermissions() => [RunRecipes];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [];

    public static class Names
    {
        public const string RunRecipes = "Recipes.Run";
    }
}
