using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("reports_api_clients");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.SecretHash).HasMaxLength(64);
        builder.Property(c => c.ScopePath).HasMaxLength(200);
        builder.Property(c => c.ScopeName).HasMaxLength(200);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => c.KeyId).IsUnique();
    }
}
