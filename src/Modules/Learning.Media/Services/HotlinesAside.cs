using Learning.Modularity;
using Learning.Courses;
using Learning.Media.Components;
using Microsoft.AspNetCore.Html;

namespace Learning.Media.Services;

/// <summary>
/// The support hotlines of a course's field beside its lessons (a video lesson shows its video's field in the player instead).
/// </summary>
public sealed class HotlinesAside(HotlineDirectory directory, ComponentHtmlRenderer components) : ILessonAsideProvider
{
    public static string? FieldOf(string courseTopic) => courseTopic switch
    {
        "digital-signatures" => "digital-signature",
        "online-public-services" or "eforms" or "online-payments" or "records-digitisation" or "vneid" => "public-services",
        "digital-skills" => "it",
        _ => null,
    };

    public async Task<IHtmlContent?> RenderAsync(LessonAsideContext context, CancellationToken cancellationToken)
    {
        if (context.LessonKind == LessonKinds.Video || FieldOf(context.CourseTopic) is not { } field)
        {
            return null;
        }

        var lines = await directory.ForUserAsync(context.UserId, field, cancellationToken);
        if (lines.Count == 0)
        {
            return null;
        }

        return await components.RenderAsync<LessonHotlines>(new Dictionary<string, object?> { [nameof(LessonHotlines.Lines)] = lines });
    }
}
