namespace Learning.Modularity;

/// <summary>
/// A folder a module writes its files to (lesson files, media). Each module registers its own; the host's <c>/health</c>
/// checks that every one can be written and has <c>Learning:Storage:MinFreeMegabytes</c> free (degraded below it).
/// </summary>
public sealed record StorageLocation(string Name, string Path);
