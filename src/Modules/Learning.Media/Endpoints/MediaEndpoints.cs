using System.Security.Claims;
using Learning.Data.Jobs;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Media.Endpoints;

public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var manage = PermissionClaims.Policy(Permissions.Manage);
        // Uploads and status polls serve the administration's video pages, so they carry its Admin.Access requirement too.
        var uploads = endpoints.MapGroup("/media/uploads").RequireAuthorization(manage).RequireAdminArea().RequireAntiforgeryHeader();
        uploads.MapPost("", StartAsync);
        uploads.MapGet("/{id}", StatusAsync);
        uploads.MapPut("/{id}", AppendAsync);
        endpoints.MapGet("/media/videos/{publicId}/status", VideoStatusAsync).RequireAuthorization(manage).RequireAdminArea();

        // The token in the path is the authorization: no cookie, no database, and relative URLs in the playlists just work.
        endpoints.MapGet("/media/s/{token}/{publicId}/{**path}", Serve).AllowAnonymous();
        endpoints.MapMethods("/media/s/{token}/{publicId}/{**path}", ["HEAD"], Serve).AllowAnonymous();

        endpoints.MapPost("/media/watch", WatchAsync).RequireAuthorization();
        endpoints.MapPost("/media/preferences", PreferenceAsync).RequireAuthorization();
        return endpoints;
    }

    private static JsonHttpResult<UploadProblem> Refused(int status, string message, long? received = null) =>
        TypedResults.Json(new UploadProblem(message, received), statusCode: status);

    public static async Task<Results<JsonHttpResult<UploadStarted>, JsonHttpResult<UploadProblem>>> StartAsync(
        StartUpload request, ClaimsPrincipal user, UploadService uploads, IOptions<MediaOptions> options, IStringLocalizer<MediaStrings> t, CancellationToken cancellationToken)
    {
        var (error, state) = await uploads.StartAsync(user.RequiredUserId(), request.FileName ?? "", request.Size, request.Title, cancellationToken);
        return error switch
        {
            UploadError.Empty => Refused(StatusCodes.Status400BadRequest, t["Upload.Empty"]),
            UploadError.TooLarge => Refused(StatusCodes.Status413PayloadTooLarge, t["Upload.TooLarge", MediaFormat.Megabytes(options.Value.MaxUploadBytes)]),
            UploadError.StorageFull => Refused(StatusCodes.Status507InsufficientStorage, t["Upload.NoRoom"]),
            UploadError.StorageUnavailable => Refused(StatusCodes.Status503ServiceUnavailable, t["Upload.StorageUnavailable"]),
            _ => TypedResults.Json(new UploadStarted(state!.Id, 0L, options.Value.ChunkBytes), statusCode: StatusCodes.Status201Created),
        };
    }

    public static async Task<Results<Ok<UploadProgress>, NotFound>> StatusAsync(string id, ClaimsPrincipal user, UploadService uploads, CancellationToken cancellationToken) =>
        await uploads.FindAsync(user.RequiredUserId(), id, cancellationToken) is { } state
            ? TypedResults.Ok(new UploadProgress(state.Id, state.ReceivedBytes, state.TotalBytes))
            : TypedResults.NotFound();

    /// <summary>PUT a chunk with <c>?offset=</c> (or an <c>Upload-Offset</c> header) equal to the bytes already received.</summary>
    public static async Task<Results<Ok<ChunkReceived>, NotFound, JsonHttpResult<UploadProblem>>> AppendAsync(
        string id, long? offset, HttpContext http, UploadService uploads, IStringLocalizer<MediaStrings> t, CancellationToken cancellationToken)
    {
        var at = offset ?? (long.TryParse(http.Request.Headers["Upload-Offset"], out var header) ? header : -1);
        var result = await uploads.AppendAsync(http.User.RequiredUserId(), id, at, http.Request.Body, http.Request.ContentLength, cancellationToken);
        return result.Error switch
        {
            UploadError.None => TypedResults.Ok(new ChunkReceived(result.ReceivedBytes, result.VideoPublicId)),
            UploadError.NotFound => TypedResults.NotFound(),
            UploadError.OffsetMismatch => Refused(StatusCodes.Status409Conflict, t["Upload.Offset"], result.ReceivedBytes),
            UploadError.ChunkTooLarge => Refused(StatusCodes.Status413PayloadTooLarge, t["Upload.ChunkTooLarge"], result.ReceivedBytes),
            UploadError.NotVideo => Refused(StatusCodes.Status422UnprocessableEntity, t["Upload.NotVideo", result.Detail ?? ""]),
            UploadError.StorageFull => Refused(StatusCodes.Status507InsufficientStorage, t["Upload.StorageFull"], result.ReceivedBytes),
            UploadError.StorageUnavailable => Refused(StatusCodes.Status503ServiceUnavailable, t["Upload.StorageUnavailable"], result.ReceivedBytes),
            _ => Refused(StatusCodes.Status400BadRequest, t["Upload.Empty"]),
        };
    }

    public static async Task<Results<Ok<VideoStatusReply>, NotFound>> VideoStatusAsync(string publicId, VideoAdministration videos, IStringLocalizer<MediaStrings> t, CancellationToken cancellationToken)
    {
        if (await videos.StatusAsync(publicId, cancellationToken) is not { } status)
        {
            return TypedResults.NotFound();
        }

        // A retried attempt starts its progress again from zero; the label says so, so the bar never silently goes backwards.
        var job = status.Job;
        var attempt = job is { State: JobState.Running, Attempts: > 1 } ? t["State.Attempt", job.Attempts, job.MaxAttempts].Value : null;
        return TypedResults.Ok(new VideoStatusReply(status.State, t["State." + status.State].Value, attempt, status.Progress, job?.Error, status.Renditions));
    }

    public static Results<PhysicalFileHttpResult, NotFound, StatusCodeHttpResult> Serve(string token, string publicId, string? path, MediaTokens tokens, MediaStorage storage, HttpContext http)
    {
        if (!tokens.AllowsPlayback(token, publicId))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (path is null || storage.ServedFile(publicId, path) is not { } file)
        {
            return TypedResults.NotFound();
        }

        // Everything under a video's folder is written once by the transcoder; playlists may be rebuilt by a re-run, so they are not immutable.
        http.Response.Headers.CacheControl = path.EndsWith(".m3u8", StringComparison.Ordinal) ? "private, max-age=60" : "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(file, FileContentTypes.Of(file), enableRangeProcessing: true);
    }

    public static async Task<Results<Ok<WatchReply>, BadRequest, StatusCodeHttpResult>> WatchAsync(HttpContext http, HeartbeatIngestor watch, CancellationToken cancellationToken)
    {
        // A cross-site page cannot send JSON here without a preflight we never grant, and cannot know the watch token.
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        Heartbeat? heartbeat;
        try
        {
            heartbeat = await http.Request.ReadFromJsonAsync<Heartbeat>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return TypedResults.BadRequest();
        }

        if (heartbeat is null)
        {
            return TypedResults.BadRequest();
        }

        var (outcome, status) = await watch.IngestAsync(http.User.RequiredUserId(), heartbeat, cancellationToken);
        return outcome == HeartbeatOutcome.InvalidToken
            ? TypedResults.StatusCode(StatusCodes.Status403Forbidden)
            : TypedResults.Ok(new WatchReply(status!.WatchedSeconds, status.Percent, status.Position, status.Completed));
    }

    /// <summary>The data saver, remembered per user. Like heartbeats, it carries the page's watch token instead of an antiforgery token.</summary>
    public static async Task<Results<Ok<PreferenceReply>, StatusCodeHttpResult>> PreferenceAsync(
        PreferenceRequest request, ClaimsPrincipal user, MediaTokens tokens, DataSaverPreference preference, CancellationToken cancellationToken)
    {
        var userId = user.RequiredUserId();
        if (tokens.ReadWatch(request.Token)?.UserId != userId)
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var value = request.DataSaver is { } wanted && DataSaverPreference.Values.Contains(wanted) ? wanted : "auto";
        await preference.SaveAsync(userId, value, cancellationToken);
        return TypedResults.Ok(new PreferenceReply(value));
    }
}
