using System.ComponentModel.DataAnnotations;

namespace Learning.Modularity;

/// <summary>
/// A folder a module writes its files to (lesson files, media). Each module registers its own; the host's <c>/health</c>
/// checks that every one can be written and has <see cref="StorageOptions.MinFreeMegabytes"/> free (degraded below it).
/// </summary>
public sealed record StorageLocation(string Name, string Path);

/// <summary><c>Learning:Storage</c>, shared by every storage folder.</summary>
public sealed class StorageOptions
{
    public const string Section = "Learning:Storage";

    /// <summary>The free space every storage folder keeps in reserve: <c>/health</c> is degraded below it, and an upload may not eat into it.</summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long MinFreeMegabytes { get; set; } = 100;
}
