using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.IntegrationTests.Infrastructure;

namespace Learning.IntegrationTests.Media;

/// <summary>Clips made by real ffmpeg from its test sources, once per test run, and the upload protocol as the browser speaks it.</summary>
public static class MediaFixtures
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("learning-clips-").FullName;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>A clip of <paramref name="seconds"/> at the given size, with a tone unless <paramref name="audio"/> is false.</summary>
    public static async Task<string> ClipAsync(int seconds, int width, int height, bool audio = true)
    {
        var path = Path.Combine(Folder, $"clip-{seconds}s-{width}x{height}-{(audio ? "a" : "na")}.mp4");
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                var sound = audio ? $"-f lavfi -i sine=frequency=440:duration={seconds} -c:a aac -shortest" : "";
                await RunAsync("ffmpeg", $"-v error -y -f lavfi -i testsrc2=size={width}x{height}:rate=25:duration={seconds} {sound} -c:v libx264 -preset ultrafast -pix_fmt yuv420p \"{path}\"");
            }
        }
        finally
        {
            Gate.Release();
        }

        return path;
    }

    public static async Task<string> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {arguments}: {error}");
        return await output;
    }

    public static async Task<(int Width, int Height, double Duration)> ProbeAsync(string path)
    {
        var json = await RunAsync("ffprobe", $"-v error -select_streams v:0 -show_entries stream=width,height:format=duration -of json \"{path}\"");
        using var doc = JsonDocument.Parse(json);
        var stream = doc.RootElement.GetProperty("streams")[0];
        return (stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32(),
            double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    public sealed record UploadReply(HttpStatusCode Status, JsonElement Body);

    public static async Task<UploadReply> StartUploadAsync(SiteClient client, string token, string fileName, long size, string? title = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/media/uploads") { Content = JsonContent.Create(new { fileName, size, title }) };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.Http.SendAsync(request);
        return new UploadReply(response.StatusCode, await ReadAsync(response));
    }

    public static async Task<UploadReply> PutChunkAsync(SiteClient client, string token, string id, long offset, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/media/uploads/{id}?offset={offset}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.Http.SendAsync(request);
        return new UploadReply(response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Uploads a whole file in chunks of <paramref name="chunk"/> bytes; returns the last reply.</summary>
    public static async Task<UploadReply> UploadAsync(SiteClient client, byte[] bytes, string fileName, int chunk = 256 * 1024, string? title = null)
    {
        var token = await client.TokenAsync("/Admin/Media");
        var started = await StartUploadAsync(client, token, fileName, bytes.Length, title);
        if (started.Status != HttpStatusCode.Created)
        {
            return started;
        }

        var id = started.Body.GetProperty("id").GetString()!;
        long offset = 0;
        UploadReply reply = started;
        while (offset < bytes.Length)
        {
            var length = (int)Math.Min(chunk, bytes.Length - offset);
            reply = await PutChunkAsync(client, token, id, offset, bytes.AsSpan((int)offset, length).ToArray());
            if (reply.Status != HttpStatusCode.OK)
            {
                return reply;
            }

            offset = reply.Body.GetProperty("received").GetInt64();
        }

        return reply;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
    }
}

/// <summary>A clock the test moves by hand (heartbeat budgets depend on elapsed time).</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
