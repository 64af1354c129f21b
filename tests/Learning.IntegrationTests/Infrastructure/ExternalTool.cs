using System.Diagnostics;

namespace Learning.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a command-line tool of the machine (Poppler, OpenSSL, Node) with its arguments as given, reading its output; one that
/// runs past <c>timeout</c> is killed and fails the test.
/// </summary>
internal static class ExternalTool
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string tool, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start " + tool);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} ran past {timeout}.");
        }

        return (process.ExitCode, await output, await error);
    }
}
