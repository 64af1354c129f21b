namespace Learning.Media.Services;

/// <summary>How an uploaded caption file fared; for <see cref="CaptionUploadError.Invalid"/>, the line (1-based) and the reason.</summary>
public sealed record CaptionUpload(CaptionUploadError Error, int Line = 0, string Reason = "");
