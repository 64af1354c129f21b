namespace Learning.Organization;

/// <summary>Marker for this module's resources (<c>Resources/OrganizationStrings.resx</c> is Vietnamese, <c>.en.resx</c> English).</summary>
public sealed class OrganizationStrings;
