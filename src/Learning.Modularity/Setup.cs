namespace Learning.Modularity;

public sealed record SiteSetupContext(string SiteName, string AdminEmail, string AdminPassword, string? AdminDisplayName);

/// <summary>
/// Modules take part in setting up a site (Orchard's <c>ISetupEventHandler</c>): the users module creates the roles and the
/// administrator. Handlers run inside the setup transaction; throw <see cref="SetupException"/> to abort it.
/// </summary>
public interface ISiteSetupHandler
{
    int Order => 0;

    Task SetupAsync(SiteSetupContext context, CancellationToken cancellationToken);
}

public sealed class SetupException(string message) : Exception(message);

/// <summary>What a theme's layout needs to know about the site.</summary>
public interface ISiteContext
{
    string SiteName { get; }
}
