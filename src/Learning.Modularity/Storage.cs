namespace Learning.Modularity;

/// <summary>
/// A folder a module writes its files to (lesson files, media). Each module registers its own; the host's <c>/health</c>
/// checks that every one can be written and has <c>Learning:Storage:MinFreeMegabytes</c> free (degraded below it).
/// </summary>
public sealed record StorageLocation(string Name, string Path);

/// <summary>The free space every storage folder keeps in reserve (<c>Learning:Storage:MinFreeMegabytes</c>, 100 by default): <c>/health</c> is degraded below it, and an upload may not eat into it.</summary>
public static class StorageReserve
{
    public const string Key = "Learning:Storage:MinFreeMegabytes";

    public static long Megabytes(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Math.Max(0, Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue<long?>(configuration, Key) ?? 100);
}
