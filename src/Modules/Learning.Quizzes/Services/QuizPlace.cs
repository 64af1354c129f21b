using Microsoft.AspNetCore.DataProtection;

namespace Learning.Quizzes.Services;

/// <summary>
/// Where an attempt was started from (course and lesson), signed for one cadre and one quiz: passing completes that lesson,
/// so a start request must not be able to name another lesson (an article, another course's quiz) to complete.
/// </summary>
public sealed class QuizPlace(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Learning.Quizzes.Place");

    public string Protect(int courseId, string courseSlug, string lessonKey, string quizKey, string userId) =>
        protector.Protect(string.Join('\n', courseId, courseSlug, lessonKey, quizKey, userId));

    /// <summary>The course and lesson, when the token is genuine and was issued for this quiz and cadre; otherwise null.</summary>
    public (int CourseId, string CourseSlug, string LessonKey)? Unprotect(string? token, string quizKey, string userId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('\n');
            return parts.Length == 5 && parts[3] == quizKey && parts[4] == userId && int.TryParse(parts[0], out var courseId)
                ? (courseId, parts[1], parts[2])
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
