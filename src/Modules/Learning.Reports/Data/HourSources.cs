namespace Learning.Reports.Data;

/// <summary>Where training hours come from. Online: a completed course's declared hours, in the year of completion.</summary>
public static class HourSources
{
    public const string Online = "online";

    /// <summary>Reserved for in-person training records (a later table with a source column of this value).</summary>
    public const string InPerson = "in-person";
}
