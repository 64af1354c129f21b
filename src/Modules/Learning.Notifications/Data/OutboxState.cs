namespace Learning.Notifications.Data;

public enum OutboxState
{
    Pending = 0,
    Sent = 1,

    /// <summary>Failed permanently (5xx, invalid address) or too often: shown to administrators, who can resend.</summary>
    Dead = 2,
}
