namespace Learning.Modularity;

/// <summary>Marker for the strings the shell and the themes share (sign in, language, navigation).</summary>
public sealed class ShellStrings;
