using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class ApiClientUsageConfiguration : IEntityTypeConfiguration<ApiClientUsage>
{
    public void Configure(EntityTypeBuilder<ApiClientUsage> builder)
    {
        builder.ToTable("reports_api_client_usage");
        builder.HasIndex(u => new { u.ClientId, u.Day }).IsUnique();
        builder.HasOne<ApiClient>().WithMany().HasForeignKey(u => u.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
