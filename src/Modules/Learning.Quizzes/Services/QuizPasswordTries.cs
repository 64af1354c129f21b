using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Quizzes.Services;

/// <summary>
/// Wrong start passwords per cadre and quiz (<see cref="QuizzesOptions.PasswordTries"/> within
/// <see cref="QuizzesOptions.PasswordLockMinutes"/>): past them, the start is refused until the window ends, the right password
/// included, so a password given out in a hall cannot be guessed from a phone outside it. Kept in the node's memory, like the
/// sign-in limit: a restart or another node starts the count afresh, which a guesser cannot arrange from a phone.
/// </summary>
public sealed class QuizPasswordTries(IOptions<QuizzesOptions> options, TimeProvider clock, ILogger<QuizPasswordTries> logger)
{
    // Above this many remembered cadres, the expired ones are swept on the next wrong try.
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<(int Quiz, string User), Window> wrong = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private TimeSpan Length => TimeSpan.FromMinutes(options.Value.PasswordLockMinutes);

    /// <summary>When the cadre may try again, or null when they may now.</summary>
    public DateTime? LockedUntil(int quizId, string userId) =>
        wrong.TryGetValue((quizId, userId), out var window) && window.Count >= options.Value.PasswordTries && window.Ends(Length) > Now
            ? window.Ends(Length)
            : null;

    /// <summary>Counts a wrong try; returns when the cadre may try again if this one used up the tries.</summary>
    public DateTime? Failed(int quizId, string userId)
    {
        var now = Now;
        if (wrong.Count > SweepAbove)
        {
            foreach (var (key, old) in wrong)
            {
                if (old.Ends(Length) <= now)
                {
                    wrong.TryRemove(key, out _);
                }
            }
        }

        var window = wrong.AddOrUpdate((quizId, userId), new Window(now, 1),
            (_, old) => old.Ends(Length) <= now ? new Window(now, 1) : old with { Count = old.Count + 1 });
        if (window.Count < options.Value.PasswordTries)
        {
            return null;
        }

        logger.LogWarning("Start password of quiz {Quiz} refused {Count} times for user {User}: locked until {Until:O}", quizId, window.Count, userId, window.Ends(Length));
        return window.Ends(Length);
    }

    /// <summary>The right password: the count starts afresh.</summary>
    public void Succeeded(int quizId, string userId) => wrong.TryRemove((quizId, userId), out _);

    private sealed record Window(DateTime FirstUtc, int Count)
    {
        public DateTime Ends(TimeSpan length) => FirstUtc + length;
    }
}
