using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class ApiRequestConfiguration : IEntityTypeConfiguration<ApiRequest>
{
    public void Configure(EntityTypeBuilder<ApiRequest> builder)
    {
        builder.ToTable("reports_api_requests");
        builder.Property(r => r.Method).HasMaxLength(10);
        builder.Property(r => r.Path).HasMaxLength(ApiRequest.MaxPath);
        builder.Property(r => r.Query).HasMaxLength(ApiRequest.MaxQuery);
        builder.Property(r => r.Address).HasMaxLength(ApiRequest.MaxAddress);

        // One index serves the three reads: a client's log newest first, its last 30 days counted, and the retention job's
        // deletes (client by client, by time).
        builder.HasIndex(r => new { r.ClientId, r.AtUtc, r.Id });
        builder.HasOne<ApiClient>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
