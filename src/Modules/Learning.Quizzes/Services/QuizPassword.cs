using System.Security.Cryptography;
using System.Text;

namespace Learning.Quizzes.Services;

/// <summary>A quiz's start password (<see cref="Data.Quiz.Password"/>): compared whole, in constant time, trimmed as typed on a phone.</summary>
public static class QuizPassword
{
    public const int MaxLength = 100;

    /// <summary>True when the quiz asks for no password, or <paramref name="given"/> is it.</summary>
    public static bool Admits(string? password, string? given)
    {
        if (string.IsNullOrEmpty(password))
        {
            return true;
        }

        var typed = Encoding.UTF8.GetBytes((given ?? "").Trim().Normalize(NormalizationForm.FormC));
        var expected = Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormC));
        return CryptographicOperations.FixedTimeEquals(typed, expected);
    }
}
