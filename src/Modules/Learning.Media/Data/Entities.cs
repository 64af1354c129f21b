using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Media.Data;

public enum VideoState
{
    Processing,
    Ready,
    Failed,
}

/// <summary>A video and its renditions. <see cref="PublicId"/> names its folder and appears in URLs; the numeric id never does.</summary>
public sealed class Video
{
    public int Id { get; set; }

    public string PublicId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The support field (hotlines shown beside it), e.g. <c>digital-signature</c>.</summary>
    public string? Field { get; set; }

    /// <summary>Listed in the help library, open to every signed-in cadre.</summary>
    public bool IsHelp { get; set; }

    /// <summary>Folded (no diacritics, lower case) title, description and caption text, for search.</summary>
    public string SearchText { get; set; } = "";

    public VideoState State { get; set; }

    public long? JobId { get; set; }

    public string? Error { get; set; }

    public string SourceFileName { get; set; } = "";

    public string SourceExtension { get; set; } = "";

    public long SourceBytes { get; set; }

    public double DurationSeconds { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public bool HasAudio { get; set; }

    /// <summary>Rendition names, e.g. <c>480p,360p,240p,audio</c>.</summary>
    public string Renditions { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? ReadyUtc { get; set; }

    public List<Caption> Captions { get; set; } = [];
}

public sealed class Caption
{
    public int Id { get; set; }

    public int VideoId { get; set; }

    public string Language { get; set; } = "";

    public string Label { get; set; } = "";

    public List<CaptionCue> Cues { get; set; } = [];
}

/// <summary>One caption line, kept for the transcript panel and for search that jumps to the moment.</summary>
public sealed class CaptionCue
{
    public long Id { get; set; }

    public int CaptionId { get; set; }

    public int VideoId { get; set; }

    public int StartMs { get; set; }

    public int EndMs { get; set; }

    public string Text { get; set; } = "";

    public string Folded { get; set; } = "";
}

/// <summary>A resumable upload in progress. The bytes received so far are the length of its part file.</summary>
public sealed class Upload
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string FileName { get; set; } = "";

    public long TotalBytes { get; set; }

    public string Title { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}

/// <summary>What one learner watched of one video: merged intervals of unique seconds, and where to resume.</summary>
public sealed class WatchRecord
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int VideoId { get; set; }

    /// <summary>Merged, sorted intervals in whole seconds: <c>0-35,60-90</c>.</summary>
    public string Intervals { get; set; } = "";

    public int WatchedSeconds { get; set; }

    public double PositionSeconds { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// The watch budget's watermark: credited seconds may not exceed twice the wall-clock time since it. Each credited second moves
    /// it half a second on, and it never starts before the page that reports was opened, so time cannot be hoarded.
    /// </summary>
    public DateTime AllowanceFromUtc { get; set; }

    /// <summary>Optimistic concurrency: two tabs reporting at once both land, neither overwrites the other.</summary>
    public int Version { get; set; }
}

public sealed class MediaPreference
{
    public string UserId { get; set; } = "";

    /// <summary><c>auto</c>, <c>240p</c> or <c>audio</c>.</summary>
    public string DataSaver { get; set; } = "auto";
}

/// <summary>A professional support line for one field, national or for a province or commune (by org path).</summary>
public sealed class Hotline
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Field { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Org path of the province or commune it serves; null for every unit.</summary>
    public string? OrgPath { get; set; }

    public string? OrgName { get; set; }

    public string? Phone { get; set; }

    public string? Zalo { get; set; }

    public string? Email { get; set; }

    public string? Hours { get; set; }

    public int SortOrder { get; set; }
}

internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> builder)
    {
        builder.ToTable("media_video");
        builder.Property(v => v.PublicId).HasMaxLength(32);
        builder.Property(v => v.Title).HasMaxLength(300);
        builder.Property(v => v.Description).HasMaxLength(4000);
        builder.Property(v => v.Field).HasMaxLength(50);
        builder.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Error).HasMaxLength(4000);
        builder.Property(v => v.SourceFileName).HasMaxLength(300);
        builder.Property(v => v.SourceExtension).HasMaxLength(10);
        builder.Property(v => v.Renditions).HasMaxLength(100);
        builder.Property(v => v.CreatedBy).HasMaxLength(450);
        builder.HasIndex(v => v.PublicId).IsUnique();
        builder.HasIndex(v => new { v.IsHelp, v.State });
        builder.HasMany(v => v.Captions).WithOne().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaptionConfiguration : IEntityTypeConfiguration<Caption>
{
    public void Configure(EntityTypeBuilder<Caption> builder)
    {
        builder.ToTable("media_caption");
        builder.Property(c => c.Language).HasMaxLength(10);
        builder.Property(c => c.Label).HasMaxLength(50);
        builder.HasIndex(c => new { c.VideoId, c.Language }).IsUnique();
        builder.HasMany(c => c.Cues).WithOne().HasForeignKey(c => c.CaptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaptionCueConfiguration : IEntityTypeConfiguration<CaptionCue>
{
    public void Configure(EntityTypeBuilder<CaptionCue> builder)
    {
        builder.ToTable("media_caption_cue");
        builder.Property(c => c.Text).HasMaxLength(2000);
        builder.Property(c => c.Folded).HasMaxLength(2000);
        builder.HasIndex(c => new { c.VideoId, c.StartMs });
    }
}

internal sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> builder)
    {
        builder.ToTable("media_upload");
        builder.Property(u => u.Id).HasMaxLength(32);
        builder.Property(u => u.UserId).HasMaxLength(450);
        builder.Property(u => u.FileName).HasMaxLength(300);
        builder.Property(u => u.Title).HasMaxLength(300);
    }
}

internal sealed class WatchRecordConfiguration : IEntityTypeConfiguration<WatchRecord>
{
    public void Configure(EntityTypeBuilder<WatchRecord> builder)
    {
        builder.ToTable("media_watch");
        builder.Property(w => w.UserId).HasMaxLength(450);
        builder.Property(w => w.Intervals).HasMaxLength(8000);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.UserId, w.VideoId }).IsUnique();
        builder.HasIndex(w => w.VideoId);
    }
}

internal sealed class MediaPreferenceConfiguration : IEntityTypeConfiguration<MediaPreference>
{
    public void Configure(EntityTypeBuilder<MediaPreference> builder)
    {
        builder.ToTable("media_preference");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.DataSaver).HasMaxLength(10);
    }
}

internal sealed class HotlineConfiguration : IEntityTypeConfiguration<Hotline>
{
    public void Configure(EntityTypeBuilder<Hotline> builder)
    {
        builder.ToTable("media_hotline");
        builder.Property(h => h.Key).HasMaxLength(100);
        builder.Property(h => h.Field).HasMaxLength(50);
        builder.Property(h => h.Name).HasMaxLength(300);
        builder.Property(h => h.OrgPath).HasMaxLength(200);
        builder.Property(h => h.OrgName).HasMaxLength(300);
        builder.Property(h => h.Phone).HasMaxLength(30);
        builder.Property(h => h.Zalo).HasMaxLength(30);
        builder.Property(h => h.Email).HasMaxLength(200);
        builder.Property(h => h.Hours).HasMaxLength(200);
        builder.HasIndex(h => h.Key).IsUnique();
        builder.HasIndex(h => h.Field);
    }
}
