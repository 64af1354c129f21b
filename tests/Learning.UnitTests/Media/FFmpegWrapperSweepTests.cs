using System.Diagnostics;
using System.Globalization;
using Learning.Media.Services;

namespace Learning.UnitTests.Media;

public sealed class FFmpegWrapperSweepTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("sweep-test-").FullName;

    [Fact]
    public void Sweep_RemovesTheFoldersOfKilledHostsOnly()
    {
        // A process that has exited: its pid names a host that was killed.
        using var gone = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var orphan = Wrapper("learning-ffmpeg-orphan", gone.Id.ToString(CultureInfo.InvariantCulture));
        var live = Wrapper("learning-ffmpeg-live", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        using var other = Process.Start(new ProcessStartInfo("/bin/sleep", "30") { UseShellExecute = false })!;
        var otherHost = Wrapper("learning-ffmpeg-other", other.Id.ToString(CultureInfo.InvariantCulture));
        var unreadable = Wrapper("learning-ffmpeg-new", null); // being made: no owner file yet
        var unrelated = Wrapper("something-else", gone.Id.ToString(CultureInfo.InvariantCulture));
        var legacy = Wrapper("learning-ffmpeg-legacy", null); // an older build's, two days old
        Directory.SetLastWriteTimeUtc(legacy, DateTime.UtcNow.AddDays(-2));

        try
        {
            Assert.Equal(2, FFmpegRunner.SweepOrphanedWrappers(temp));
            Assert.False(Directory.Exists(orphan));
            Assert.False(Directory.Exists(legacy));
            Assert.All(new[] { live, otherHost, unreadable, unrelated }, f => Assert.True(Directory.Exists(f), f));
            Assert.Equal(0, FFmpegRunner.SweepOrphanedWrappers(temp));
        }
        finally
        {
            other.Kill();
        }
    }

    private string Wrapper(string name, string? pid)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "ffmpeg"), "#!/bin/sh\n");
        if (pid is not null)
        {
            File.WriteAllText(Path.Combine(folder, "host.pid"), pid);
        }

        return folder;
    }

    public void Dispose() => Directory.Delete(temp, recursive: true);
}
