namespace Learning.Notifications.Services.Dispatch;

/// <summary>What one dispatch (or digest) run did: messages written to the outbox, the notifications they carry, how many
/// went to the digest, how many are not e-mailed, and how many wait for a later run (their template failed to render).</summary>
public sealed record DispatchResult(int Messages, int Notifications, int ToDigest, int Skipped, int Failed)
{
    public static readonly DispatchResult None = new(0, 0, 0, 0, 0);

    public DispatchResult Add(DispatchResult other) =>
        new(Messages + other.Messages, Notifications + other.Notifications, ToDigest + other.ToDigest, Skipped + other.Skipped, Failed + other.Failed);
}
