using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Media.Endpoints;

public static class MediaEndpoints
{
    public sealed record StartUpload(string? FileName, long Size, string? Title);

    public sealed record PreferenceRequest(string? Token, string? DataSaver);

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var manage = PermissionClaims.Policy(Permissions.Manage);
        // Uploads and status polls serve the administration's video pages, so they carry its Admin.Access requirement too.
        var uploads = endpoints.MapGroup("/media/uploads").RequireAuthorization(manage).RequireAdminArea().AddEndpointFilter(ValidateAntiforgery);
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

    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (HttpMethods.IsGet(http.Request.Method) || await antiforgery.IsRequestValidAsync(http))
        {
            return await next(context);
        }

        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "antiforgery");
    }


    private static IResult Error(int status, string message, long? received = null) =>
        Results.Json(new { error = message, received }, statusCode: status);

    public static async Task<IResult> StartAsync(StartUpload request, ClaimsPrincipal user, UploadService uploads, IOptions<MediaOptions> options, IStringLocalizer<MediaStrings> t, CancellationToken cancellationToken)
    {
        var (error, state) = await uploads.StartAsync(user.RequiredUserId(), request.FileName ?? "", request.Size, request.Title, cancellationToken);
        return error switch
        {
            UploadError.Empty => Error(StatusCodes.Status400BadRequest, t["Upload.Empty"]),
            UploadError.TooLarge => Error(StatusCodes.Status413PayloadTooLarge, t["Upload.TooLarge", MediaFormat.Megabytes(options.Value.MaxUploadBytes)]),
            UploadError.StorageFull => Error(StatusCodes.Status507InsufficientStorage, t["Upload.NoRoom"]),
            UploadError.StorageUnavailable => Error(StatusCodes.Status503ServiceUnavailable, t["Upload.StorageUnavailable"]),
            _ => Results.Json(new { id = state!.Id, received = 0L, chunkBytes = options.Value.ChunkBytes }, statusCode: StatusCodes.Status201Created),
        };
    }

    public static async Task<IResult> StatusAsync(string id, ClaimsPrincipal user, UploadService uploads, CancellationToken cancellationToken) =>
        await uploads.FindAsync(user.RequiredUserId(), id, cancellationToken) is { } state
            ? Results.Json(new { id = state.Id, received = state.ReceivedBytes, total = state.TotalBytes })
            : Results.NotFound();

    /// <summary>PUT a chunk with <c>?offset=</c> (or an <c>Upload-Offset</c> header) equal to the bytes already received.</summary>
    public static async Task<IResult> AppendAsync(string id, long? offset, HttpContext http, UploadService uploads, IStringLocalizer<MediaStrings> t, CancellationToken cancellationToken)
    {
        var at = offset ?? (long.TryParse(http.Request.Headers["Upload-Offset"], out var header) ? header : -1);
        var result = await uploads.AppendAsync(http.User.RequiredUserId(), id, at, http.Request.Body, http.Request.ContentLength, cancellationToken);
        return result.Error switch
        {
            UploadError.None => Results.Json(new { received = result.ReceivedBytes, video = result.VideoPublicId }),
            UploadError.NotFound => Results.NotFound(),
            UploadError.OffsetMismatch => Error(StatusCodes.Status409Conflict, t["Upload.Offset"], result.ReceivedBytes),
            UploadError.ChunkTooLarge => Error(StatusCodes.Status413PayloadTooLarge, t["Upload.ChunkTooLarge"], result.ReceivedBytes),
            UploadError.NotVideo => Error(StatusCodes.Status422UnprocessableEntity, t["Upload.NotVideo", result.Detail ?? ""]),
            UploadError.StorageFull => Error(StatusCodes.Status507InsufficientStorage, t["Upload.StorageFull"], result.ReceivedBytes),
            UploadError.StorageUnavailable => Error(StatusCodes.Status503ServiceUnavailable, t["Upload.StorageUnavailable"], result.ReceivedBytes),
            _ => Error(StatusCodes.Status400BadRequest, t["Upload.Empty"]),
        };
    }

    public static async Task<IResult> VideoStatusAsync(string publicId, LearningDbContext db, IStringLocalizer<MediaStrings> t, CancellationToken cancellationToken)
    {
        var row = await db.Set<Video>().AsNoTracking().Where(v => v.PublicId == publicId)
            .Select(v => new { v.State, v.JobId, v.Renditions })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Results.NotFound();
        }

        var job = row.JobId is { } jobId ? await db.Set<JobRecord>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken) : null;
        var state = VideoStates.Of(row.State, job?.State);
        // A retried attempt starts its progress again from zero; the label says so, so the bar never silently goes backwards.
        var attempt = job is { State: JobState.Running, Attempts: > 1 } ? t["State.Attempt", job.Attempts, job.MaxAttempts].Value : null;
        return Results.Json(new
        {
            state,
            label = t["State." + state].Value,
            attempt,
            progress = row.State == VideoState.Ready ? 100 : job?.Progress ?? 0,
            error = job?.Error,
            renditions = row.Renditions,
        });
    }

    public static IResult Serve(string token, string publicId, string? path, MediaTokens tokens, MediaStorage storage, HttpContext http)
    {
        if (!tokens.AllowsPlayback(token, publicId))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (path is null || storage.ServedFile(publicId, path) is not { } file)
        {
            return Results.NotFound();
        }

        // Everything under a video's folder is written once by the transcoder; playlists may be rebuilt by a re-run, so they are not immutable.
        http.Response.Headers.CacheControl = path.EndsWith(".m3u8", StringComparison.Ordinal) ? "private, max-age=60" : "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(file, FileContentTypes.Of(file), enableRangeProcessing: true);
    }

    public static async Task<IResult> WatchAsync(HttpContext http, HeartbeatIngestor watch, CancellationToken cancellationToken)
    {
        // A cross-site page cannot send JSON here without a preflight we never grant, and cannot know the watch token.
        if (!http.Request.HasJsonContentType())
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        Heartbeat? heartbeat;
        try
        {
            heartbeat = await http.Request.ReadFromJsonAsync<Heartbeat>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return Results.BadRequest();
        }

        if (heartbeat is null)
        {
            return Results.BadRequest();
        }

        var (outcome, status) = await watch.IngestAsync(http.User.RequiredUserId(), heartbeat, cancellationToken);
        return outcome == HeartbeatOutcome.InvalidToken
            ? Results.StatusCode(StatusCodes.Status403Forbidden)
            : Results.Json(new { watched = status!.WatchedSeconds, percent = status.Percent, position = status.Position, completed = status.Completed });
    }

    /// <summary>The data saver, remembered per user. Like heartbeats, it carries the page's watch token instead of an antiforgery token.</summary>
    public static async Task<IResult> PreferenceAsync(PreferenceRequest request, ClaimsPrincipal user, LearningDbContext db, MediaTokens tokens, CancellationToken cancellationToken)
    {
        var userId = user.RequiredUserId();
        if (tokens.ReadWatch(request.Token)?.UserId != userId)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var value = request.DataSaver is "240p" or "audio" ? request.DataSaver : "auto";
        var preference = await db.Set<MediaPreference>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            db.Add(new MediaPreference { UserId = userId, DataSaver = value });
        }
        else
        {
            preference.DataSaver = value;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two tabs saved the first preference at once; one of them stands.
        }

        return Results.Json(new { dataSaver = value });
    }
}
