namespace Learning.Notifications.Data;

/// <summary>How often a category reaches the user's mailbox (Open edX's cadences).</summary>
public enum Cadence
{
    Immediately = 0,
    Daily = 1,
    Weekly = 2,
    Off = 3,
}
