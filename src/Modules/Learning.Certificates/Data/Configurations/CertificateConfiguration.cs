using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Certificates.Data.Configurations;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("certificates_issued");
        builder.Property(c => c.Serial).HasMaxLength(32);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.Subject).HasMaxLength(64);
        builder.Property(c => c.CurrentKey).HasMaxLength(600);
        builder.Property(c => c.HolderName).HasMaxLength(200);
        builder.Property(c => c.HolderNameFolded).HasMaxLength(200);
        builder.Property(c => c.Position).HasMaxLength(200);
        builder.Property(c => c.UnitName).HasMaxLength(300);
        builder.Property(c => c.OrgPath).HasMaxLength(400);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.RevokedBy).HasMaxLength(450);
        builder.Property(c => c.RevokedReason).HasMaxLength(1000);
        builder.Property(c => c.SupersededBySerial).HasMaxLength(32);
        builder.Property(c => c.SupersedesSerial).HasMaxLength(32);
        builder.Property(c => c.Sha256Hex).HasMaxLength(64);
        builder.Property(c => c.SignerThumbprint).HasMaxLength(128);
        builder.Property(c => c.IssuedBy).HasMaxLength(450);
        builder.HasIndex(c => c.Serial).IsUnique();
        builder.HasIndex(c => c.CurrentKey).IsUnique();
        builder.HasIndex(c => new { c.UserId, c.IssuedUtc });
        builder.HasIndex(c => c.Sha256Hex);
        builder.HasOne<CertificateFile>().WithOne().HasForeignKey<CertificateFile>(f => f.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}
