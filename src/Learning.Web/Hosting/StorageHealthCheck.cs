using Learning.Modularity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Learning.Web.Hosting;

/// <summary>
/// Every module's storage folder: writable (a probe file is written and removed), and with room to spare. Unwritable is
/// unhealthy (503 from <c>/health</c>); less than <see cref="StorageOptions.MinFreeMegabytes"/> free (default 100) is degraded.
/// The description names the folder, and the health service logs it.
/// </summary>
public sealed class StorageHealthCheck(IEnumerable<StorageLocation> locations, IOptions<StorageOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var minimum = options.Value.MinFreeMegabytes;
        var low = new List<string>();
        foreach (var location in locations)
        {
            try
            {
                Directory.CreateDirectory(location.Path);
                var probe = Path.Combine(location.Path, ".health-" + Guid.NewGuid().ToString("N"));
                File.WriteAllBytes(probe, [1]);
                File.Delete(probe);
                var free = new DriveInfo(Path.GetFullPath(location.Path)).AvailableFreeSpace / (1024 * 1024);
                if (free < minimum)
                {
                    low.Add($"{location.Name} ({location.Path}): {free} MB free, fewer than {minimum} MB");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"{location.Name} ({location.Path}) cannot be written: {ex.Message}"));
            }
        }

        return Task.FromResult(low.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", low)));
    }
}
