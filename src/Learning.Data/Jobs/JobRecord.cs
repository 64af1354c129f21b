using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Data.Jobs;

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// A unit of background work that survives restarts: taken by exactly one worker at a time under a lease, retried with
/// backoff, cancellable, with progress and the last error for the people waiting on it.
/// </summary>
public sealed class JobRecord
{
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public string Payload { get; set; } = "{}";

    public JobState State { get; set; } = JobState.Queued;

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = 5;

    public DateTime RunAfterUtc { get; set; }

    public string? LockedBy { get; set; }

    /// <summary>The lease: a running job whose lease ran out (its node died or restarted) is taken again.</summary>
    public DateTime? LockedUntilUtc { get; set; }

    public int Progress { get; set; }

    public string? Error { get; set; }

    /// <summary>What a succeeded job produced for the people waiting on it (JSON, the handler's shape), written by its fenced completion.</summary>
    public string? Result { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>The account that queued the job, if a person did: who may watch it, and who did what in the operations view.</summary>
    public string? CreatedBy { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? FinishedUtc { get; set; }
}

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("core_job");
        builder.Property(j => j.Kind).HasMaxLength(100);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.LockedBy).HasMaxLength(100);
        builder.Property(j => j.CreatedBy).HasMaxLength(450);
        builder.Property(j => j.Error).HasMaxLength(4000);
        builder.HasIndex(j => new { j.State, j.RunAfterUtc });
    }
}
