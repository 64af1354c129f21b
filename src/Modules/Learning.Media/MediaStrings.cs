namespace Learning.Media;

/// <summary>Marker for this module's resources.</summary>
public sealed class MediaStrings;
