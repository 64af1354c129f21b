using System.ComponentModel.DataAnnotations;

namespace Learning.Data.Jobs;

/// <summary><c>Learning:Jobs</c>.</summary>
public sealed class JobOptions
{
    public const string Section = "Learning:Jobs";

    /// <summary>Run the worker on this node. Several nodes may: a job is taken by one of them only.</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How long an idle worker waits before it looks for work again; recurring jobs are queued at this resolution.</summary>
    [Range(10, 600_000)]
    public int PollMilliseconds { get; set; } = 2000;

    /// <summary>How long a claim holds without renewal; a node that dies releases its jobs after this.</summary>
    [Range(1, 86_400)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>A job still running after this is cancelled and counted as a failed attempt (a hung ffmpeg, say).</summary>
    [Range(1, 7 * 86_400)]
    public int TimeoutSeconds { get; set; } = 2 * 60 * 60;

    /// <summary>The first retry waits this long, each later one twice as long as the one before.</summary>
    [Range(0, 86_400)]
    public int BackoffBaseSeconds { get; set; } = 10;

    /// <summary>Succeeded jobs are deleted this many days after they finished; failed and cancelled ones stay until a person acts.</summary>
    [Range(1, 3650)]
    public int KeepSucceededDays { get; set; } = 14;
}
