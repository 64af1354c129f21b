namespace Learning.Courses.Services;

/// <summary>
/// The lesson kinds an author may choose: the ones this module renders itself (article, file, link) and those a present module
/// renders (video with Media; quiz once a quiz module is there). A kind whose module is absent is never offered, so a course
/// cannot be given a lesson that would block its publishing.
/// </summary>
public sealed class LessonKindCatalog(IEnumerable<ILessonKindRenderer> renderers)
{
    private static readonly string[] BuiltIn = [LessonKinds.Article, LessonKinds.File, LessonKinds.Link];

    public IReadOnlyList<string> Offered { get; } =
        LessonKinds.All.Where(k => BuiltIn.Contains(k) || renderers.Any(r => r.Kind == k)).ToList();

    public bool IsOffered(string? kind) => kind is not null && Offered.Contains(kind);
}
