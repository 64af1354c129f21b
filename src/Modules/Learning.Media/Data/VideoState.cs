namespace Learning.Media.Data;

public enum VideoState
{
    Processing,
    Ready,
    Failed,
}
