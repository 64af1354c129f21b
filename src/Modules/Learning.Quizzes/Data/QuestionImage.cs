namespace Learning.Quizzes.Data;

/// <summary>
/// An image a question's texts show (imported with a Moodle XML file), stored in the database with the bank so a backup holds
/// it, served at <c>/quiz-images/{PublicId}/{FileName}</c>. Stored once per content: the same bytes imported again (a
/// re-import, an export brought back) point at the same image. Never changed; versions of a question share it.
/// </summary>
public sealed class QuestionImage
{
    public int Id { get; set; }

    public Guid PublicId { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>From the image's first bytes, never from its name.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>SHA-256 of <see cref="Content"/>, hex.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTime CreatedUtc { get; set; }
}
