using Learning.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Data.Configurations;

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.ToTable("core_site_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SiteName).HasMaxLength(200);
        builder.Property(s => s.SiteTheme).HasMaxLength(100);
        builder.Property(s => s.AdminTheme).HasMaxLength(100);
        builder.Property(s => s.SetupRecipe).HasMaxLength(100);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("core_audit_entry");
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(400);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => a.Action);
    }
}

/// <summary>
/// The data-protection key ring (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore's entity) in the table the earlier
/// hand-written repository used, so keys written before the upgrade are read after it and signed-in users stay signed in.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> builder)
    {
        builder.ToTable("core_data_protection_key");
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
        builder.HasIndex(k => k.FriendlyName).IsUnique();
    }
}
