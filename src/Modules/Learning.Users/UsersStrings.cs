namespace Learning.Users;

/// <summary>Marker for this module's resources.</summary>
public sealed class UsersStrings;
