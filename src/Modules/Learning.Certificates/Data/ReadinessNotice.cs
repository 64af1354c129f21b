namespace Learning.Certificates.Data;

/// <summary>The cadre was told they are ready, for this set of required courses (<see cref="Requirement"/>, the sorted ids): a
/// unique key, so a completion delivered twice, the sweep and a retry tell them once; a new required course is a new readiness.</summary>
public sealed class ReadinessNotice
{
    public long Id { get; set; }

    public int CadreId { get; set; }

    public string Requirement { get; set; } = "";

    public DateTime SentUtc { get; set; }
}
