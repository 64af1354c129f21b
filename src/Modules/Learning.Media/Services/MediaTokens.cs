using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// Signed, expiring tokens, checked by cryptography alone so that serving a segment or taking a heartbeat needs no database query.
/// The keys are the data-protection key ring, which lives in the database and is shared by every node.
/// </summary>
public sealed class MediaTokens(IDataProtectionProvider provider, IOptions<MediaOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector playback = provider.CreateProtector("Learning.Media.Playback.v1").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector watch = provider.CreateProtector("Learning.Media.Watch.v1").ToTimeLimitedDataProtector();

    private TimeSpan Lifetime => TimeSpan.FromHours(Math.Max(1, options.Value.TokenHours));

    /// <summary>The token that opens a video's folder (playlists, segments, captions, poster) until it expires.</summary>
    public string ForPlayback(string publicId) => playback.Protect(publicId, clock.GetUtcNow() + Lifetime);

    public bool AllowsPlayback(string token, string publicId)
    {
        try
        {
            var payload = playback.Unprotect(token, out var expires);
            return expires > clock.GetUtcNow() && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(payload), System.Text.Encoding.UTF8.GetBytes(publicId));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public string ForWatch(WatchGrant grant) => watch.Protect(string.Join('\n',
        grant.UserId,
        grant.VideoId.ToString(CultureInfo.InvariantCulture),
        grant.DurationSeconds.ToString("R", CultureInfo.InvariantCulture),
        grant.CourseId?.ToString(CultureInfo.InvariantCulture) ?? "",
        grant.LessonKey ?? "",
        grant.IssuedUtc.Ticks.ToString(CultureInfo.InvariantCulture)), clock.GetUtcNow() + Lifetime);

    public WatchGrant? ReadWatch(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = watch.Unprotect(token, out var expires).Split('\n');
            if (expires <= clock.GetUtcNow() || parts.Length != 6)
            {
                return null;
            }

            return new WatchGrant(
                parts[0],
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture),
                parts[3].Length == 0 ? null : int.Parse(parts[3], CultureInfo.InvariantCulture),
                parts[4].Length == 0 ? null : parts[4],
                new DateTime(long.Parse(parts[5], CultureInfo.InvariantCulture), DateTimeKind.Utc));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
