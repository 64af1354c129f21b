using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Learning.Quizzes.Services;

/// <summary>
/// Keeps an uploaded question file between the preview and the "import" request: a temporary file named by a random token
/// and by a hash of the uploader's id, so only the person who uploaded it can import or discard it, and a forged token
/// cannot name any other path. Files older than a day are removed when the next one is saved. On several web nodes the
/// second request must reach the same node (ADR-015).
/// </summary>
public sealed partial class ImportUploads(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "learning-question-imports");

    public string Save(string userId, QuestionFileFormat format, byte[] content)
    {
        Directory.CreateDirectory(folder);
        Sweep();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        File.WriteAllBytes(PathOf(userId, token, format), content);
        return token;
    }

    public (QuestionFileFormat Format, byte[] Content)? Load(string userId, string? token)
    {
        foreach (var format in Enum.GetValues<QuestionFileFormat>())
        {
            if (IsToken(token) && File.Exists(PathOf(userId, token!, format)))
            {
                return (format, File.ReadAllBytes(PathOf(userId, token!, format)));
            }
        }

        return null;
    }

    public void Delete(string userId, string? token)
    {
        if (!IsToken(token))
        {
            return;
        }

        foreach (var format in Enum.GetValues<QuestionFileFormat>())
        {
            File.Delete(PathOf(userId, token!, format));
        }
    }

    private static bool IsToken(string? token) => token is not null && TokenPattern().IsMatch(token);

    private string PathOf(string userId, string token, QuestionFileFormat format) =>
        Path.Combine(folder, $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..24]}-{token}.{format}");

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    // Another request is reading it: the next sweep takes it.
                }
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TokenPattern();
}
