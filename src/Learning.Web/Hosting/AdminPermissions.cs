using Learning.Modularity;

namespace Learning.Web.Hosting;

public sealed class AdminPermissions : IPermissionProvider
{
    public static readonly Permission AccessAdmin = new(Names.AccessAdmin, "Open the administration area");
    public static readonly Permission ManageSettings = new(Names.ManageSettings, "Change the site name and theme");
    public static readonly Permission ViewAuditTrail = new(Names.ViewAuditTrail, "Read the audit trail");
    public static readonly Permission ManageJobs = new(Names.ManageJobs, "Watch, retry and cancel background jobs; run recurring jobs now");

    public IEnumerable<Permission> GetPermissions() => [AccessAdmin, ManageSettings, ViewAuditTrail, ManageJobs];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Manager, [AccessAdmin]),
        new(LearningRoles.Trainer, [AccessAdmin]),
    ];

    public static class Names
    {
        public const string AccessAdmin = AdminArea.AccessPermission;
        public const string ManageSettings = AdminArea.SettingsPermission;
        public const string ViewAuditTrail = AdminArea.AuditPermission;
        public const string ManageJobs = "Admin.Jobs";
    }
}
