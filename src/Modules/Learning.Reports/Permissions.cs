using Learning.Modularity;

namespace Learning.Reports;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission View = new(Names.View, "See completion, readiness and training-hours reports within one's scope, down to one cadre's record");
    public static readonly Permission Export = new(Names.Export, "Download reports within one's scope as CSV, XLSX and PDF");
    public static readonly Permission Schedule = new(Names.Schedule, "Save reports and subscribe to them by e-mail");
    public static readonly Permission ApiClients = new(Names.ApiClients, "Issue and revoke keys of the xAPI and reporting API");
    public static readonly Permission Targets = new(Names.Targets, "Set the yearly training-hour targets per position, which apply to the whole site");

    public static readonly Permission DemoData = new(Names.DemoData, "Remove the demo recipe's simulated learning, which the reports show as demonstration data");

    public IEnumerable<Permission> GetPermissions() => [View, Export, Schedule, ApiClients, Targets, DemoData];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(LearningRoles.Manager, [View, Export, Schedule]),
    ];

    public static class Names
    {
        public const string View = "Reports.View";
        public const string Export = "Reports.Export";
        public const string Schedule = "Reports.Schedule";
        public const string ApiClients = "Reports.ApiClients";
        public const string Targets = "Reports.Targets";
        public const string DemoData = "Reports.DemoData";
    }
}
