using Learning.Courses;
using Learning.Modularity;
using Learning.Quizzes.Components;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace Learning.Quizzes.Services;

/// <summary>Renders a quiz lesson (its reference is the quiz's key), and completes it when the cadre's grade passes.</summary>
public sealed class QuizLessonRenderer(
    QuizCatalog catalog,
    AttemptPages pages,
    ComponentHtmlRenderer components,
    IAntiforgery antiforgery,
    IHttpContextAccessor http,
    ILessonCompletionReporter reporter) : ILessonKindRenderer
{
    public string Kind => LessonKinds.Quiz;

    public async Task<IHtmlContent> RenderAsync(LessonRenderContext context, CancellationToken cancellationToken)
    {
        if (context.Reference is not { Length: > 0 } key || await catalog.FindAsync(key, cancellationToken) is not { } quiz)
        {
            return HtmlString.Empty;
        }

        var tokens = http.HttpContext is { } httpContext && !context.IsPreview ? antiforgery.GetAndStoreTokens(httpContext) : null;
        var view = await pages.CardAsync(quiz, context.UserId, (context.CourseId, context.CourseSlug, context.LessonKey), tokens, context.IsPreview, cancellationToken) with
        {
            CanPreviewQuiz = context.IsPreview && http.HttpContext?.User.Has(Permissions.Author) == true,
        };
        if (!context.IsPreview && view.Passed)
        {
            // Passed already (before this lesson used the quiz, or a report lost to a crash): the lesson counts as done.
            await reporter.ReportCompletedAsync(context.UserId, context.CourseId, context.LessonKey, "quiz", cancellationToken);
        }

        return await components.RenderAsync<QuizCard>(new Dictionary<string, object?> { [nameof(QuizCard.View)] = view });
    }
}
