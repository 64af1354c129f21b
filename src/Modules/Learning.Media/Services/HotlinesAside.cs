using Learning.Courses;
using Microsoft.AspNetCore.Html;

namespace Learning.Media.Services;

/// <summary>
/// The support hotlines of a course's field beside its lessons (a video lesson shows its video's field in the player instead).
/// </summary>
public sealed class HotlinesAside(HotlineDirectory directory, PlayerRenderer player) : ILessonAsideProvider
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

        var html = new System.Text.StringBuilder("<link rel=\"stylesheet\" href=\"/_content/Learning.Media/media.css\">");
        player.AppendHotlines(html, lines);
        return new HtmlString(html.ToString());
    }
}
