namespace Learning.Certificates;

/// <summary>Marker for this module's resources.</summary>
public sealed class CertificatesStrings;
