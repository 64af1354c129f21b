namespace Learning.Media.Services;

/// <summary>A caption file that cannot be read; <see cref="Line"/> is where (1-based), for the author.</summary>
public sealed class CaptionFormatException(int line, string reason) : Exception($"line {line}: {reason}")
{
    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
