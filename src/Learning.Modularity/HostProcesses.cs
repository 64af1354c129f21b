namespace Learning.Modularity;

/// <summary>
/// Work a module runs in a process of its own (ADR-047): the host started again as <c>Learning.Web process NAME ARGS…</c>, with
/// the enabled modules' services and the same database, but no web server, no hosted services and no pages. A web node then
/// carries none of that work's memory, code or collections; what it needs comes back as a file.
/// A command is registered as a keyed service, its name (the NAME above) the key:
/// <c>services.AddKeyedScoped&lt;IHostCommand, MyCommand&gt;(MyCommand.CommandName)</c>.
/// </summary>
public interface IHostCommand
{
    /// <summary>Runs with the arguments after the command's name. Writes its result for the parent on <paramref name="output"/>
    /// (standard output); its reasons for failing go to standard error. 0: done; 2: the arguments are wrong; anything else: failed.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>Starts <see cref="IHostCommand"/>s as processes of their own and waits for them (the host's implementation).</summary>
public interface IHostProcesses
{
    /// <summary>
    /// Runs <paramref name="command"/> in a new process of the host and waits for it to end. Cancelling kills it. At most a few
    /// run at once on a node; the others wait their turn here.
    /// </summary>
    Task<HostProcessResult> RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken = default);
}

/// <summary>How a command's process ended: its exit code, what it wrote on standard output and the end of its standard error.</summary>
public sealed record HostProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Options of <see cref="IHostProcesses"/>.</summary>
public sealed class HostProcessOptions
{
    public const string Section = "Learning:Processes";

    /// <summary>How many command processes a node runs at once; more wait their turn.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MaxConcurrent { get; set; } = 2;
}
