namespace Learning.Reports.Data;

/// <summary>How many requests a client made on one day (UTC): the audit of use, one row per client per day.</summary>
public sealed class ApiClientUsage
{
    public long Id { get; set; }

    public int ClientId { get; set; }

    public DateOnly Day { get; set; }

    public long Requests { get; set; }
}
