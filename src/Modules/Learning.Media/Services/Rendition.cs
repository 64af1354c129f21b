namespace Learning.Media.Services;

/// <summary>One rung of the ladder.</summary>
public sealed record Rendition(string Name, int Height, int VideoKbps, int AudioKbps);
