namespace Learning.Media.Endpoints;

/// <summary>The data saver as saved.</summary>
public sealed record PreferenceReply(string DataSaver);
