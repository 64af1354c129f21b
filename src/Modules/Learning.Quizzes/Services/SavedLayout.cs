using Microsoft.Extensions.Caching.Memory;

namespace Learning.Quizzes.Services;

/// <summary>
/// An attempt as this node last saved it, kept so that its next save can go straight to the write (one round trip on
/// PostgreSQL instead of a read and then the write): its questions (slot, version, option order), which never change once
/// written as rows, and its page, flags and deadline, which may change elsewhere and are therefore only expected: the write
/// checks them on the attempt's row and changes nothing when the row differs (<c>AttemptService.WriteAsKnownAsync</c>).
/// </summary>
internal sealed record SavedLayout(
    Guid PublicId, long Id, string UserId, int PageCount, (int Slot, int Version, string Order)[] Questions, int CurrentPage, string? Flagged, DateTime? DeadlineUtc)
{
    /// <summary>Half an hour after its last save a layout is dropped: a cadre who comes back later is read again.</summary>
    public static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    /// <summary>Its key in the node's memory cache (a type of its own: no other entry can share it).</summary>
    public readonly record struct Key(Guid PublicId);
}
