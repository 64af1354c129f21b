namespace Learning.Media.Components;

/// <summary>The player's static files, by their fingerprinted URLs where the page has a static-assets manifest.</summary>
public sealed record PlayerAssets(string Stylesheet, string HlsScript, string PlayerScript);
