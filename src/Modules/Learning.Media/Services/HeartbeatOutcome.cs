namespace Learning.Media.Services;

public enum HeartbeatOutcome
{
    Accepted,
    InvalidToken,
}
