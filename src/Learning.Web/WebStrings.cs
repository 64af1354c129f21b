using System.Resources;

[assembly: NeutralResourcesLanguage("vi")]

namespace Learning.Web;

/// <summary>Marker for the host's resources (setup, dashboard, settings, audit, errors).</summary>
public sealed class WebStrings;
