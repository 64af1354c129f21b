using Learning.Modularity;

namespace Learning.Certificates;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ViewOwn = new(Names.ViewOwn, "Download one's own certificates");
    public static readonly Permission Templates = new(Names.Templates, "Edit certificate templates and preview them");
    public static readonly Permission Issue = new(Names.Issue, "Reissue and revoke certificates within one's scope");
    public static readonly Permission Readiness = new(Names.Readiness, "See digital-signature readiness within one's scope, export it, and record requested and issued signatures");
    public static readonly Permission Signer = new(Names.Signer, "See the certificate signer's state on the operations page");

    public IEnumerable<Permission> GetPermissions() => [ViewOwn, Templates, Issue, Readiness, Signer];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Cadre, [ViewOwn]),
        new(LearningRoles.Trainer, [ViewOwn, Templates]),
        new(LearningRoles.Manager, [ViewOwn, Issue, Readiness]),
    ];

    public static class Names
    {
        public const string ViewOwn = "Certificates.ViewOwn";
        public const string Templates = "Certificates.Templates";
        public const string Issue = "Certificates.Issue";
        public const string Readiness = "Certificates.Readiness";
        public const string Signer = "Certificates.Signer";
    }
}
