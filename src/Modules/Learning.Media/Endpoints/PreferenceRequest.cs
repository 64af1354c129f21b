namespace Learning.Media.Endpoints;

/// <summary>The player's data saver choice, with the page's watch token.</summary>
public sealed record PreferenceRequest(string? Token, string? DataSaver);
