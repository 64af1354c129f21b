using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Learning.Reports.Data.Configurations;

internal sealed class XapiForwardCursorConfiguration : IEntityTypeConfiguration<XapiForwardCursor>
{
    public void Configure(EntityTypeBuilder<XapiForwardCursor> builder)
    {
        builder.ToTable("reports_xapi_forward");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.LastError).HasMaxLength(500);
    }
}
