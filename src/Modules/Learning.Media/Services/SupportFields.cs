namespace Learning.Media.Services;

/// <summary>The support fields hotlines and help videos belong to. Labels are localized as <c>Field.{code}</c>.</summary>
public static class SupportFields
{
    public static readonly IReadOnlyList<string> All = ["civil-status", "land", "business-registration", "digital-signature", "public-services", "it"];
}
