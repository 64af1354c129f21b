using Learning.Modularity;

namespace Learning.Organization;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ViewOrganization = new(Names.ViewOrganization, "View the organisation tree within one's scope");
    public static readonly Permission ViewCadres = new(Names.ViewCadres, "View cadre profiles within one's scope");
    public static readonly Permission ManageCadres = new(Names.ManageCadres, "Import and edit cadre profiles within one's scope");
    public static readonly Permission ManageScopes = new(Names.ManageScopes, "Assign managers and trainers to provinces and communes");
    public static readonly Permission ExportOrganization = new(Names.ExportOrganization, "Export the organisation tree as a recipe");

    public IEnumerable<Permission> GetPermissions() => [ViewOrganization, ViewCadres, ManageCadres, ManageScopes, ExportOrganization];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Manager, [ViewOrganization, ViewCadres, ManageCadres, ExportOrganization]),
        new(LearningRoles.Trainer, [ViewOrganization, ViewCadres]),
    ];

    public static class Names
    {
        public const string ViewOrganization = "Organization.View";
        public const string ViewCadres = "Organization.ViewCadres";
        public const string ManageCadres = "Organization.ManageCadres";
        public const string ManageScopes = "Organization.ManageScopes";
        public const string ExportOrganization = "Organization.Export";
    }
}
