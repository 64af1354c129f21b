using System.Globalization;

namespace Learning.Modularity;

/// <summary>Time is stored in UTC and shown in the viewer's zone, Asia/Ho_Chi_Minh unless configured otherwise.</summary>
public static class LocalTime
{
    public const string DefaultZoneId = "Asia/Ho_Chi_Minh";

    public static readonly IReadOnlyList<CultureInfo> SupportedCultures = [new("vi"), new("en")];

    public static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId);

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), DefaultZone);

    /// <summary>A wall-clock time in the site's zone (a date picker's value) as UTC.</summary>
    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), DefaultZone);

    /// <summary>Formats a UTC instant for people: "25/11/2026 13:05" in vi, "11/25/2026 1:05 PM" in en.</summary>
    public static string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);
}
