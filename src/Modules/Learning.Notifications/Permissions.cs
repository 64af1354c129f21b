using Learning.Modularity;

namespace Learning.Notifications;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageTemplates = new(Names.ManageTemplates, "Edit e-mail templates");
    public static readonly Permission ManageOutbox = new(Names.ManageOutbox, "Watch the e-mail outbox and resend dead letters");

    public IEnumerable<Permission> GetPermissions() => [ManageTemplates, ManageOutbox];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [];

    public static class Names
    {
        public const string ManageTemplates = "Notifications.ManageTemplates";
        public const string ManageOutbox = "Notifications.ManageOutbox";
    }
}
