using System.Security.Claims;
using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Endpoints;

public static class QuizzesEndpoints
{
    private const int MaxAnswersPerSave = 200;

    public static IEndpointRouteBuilder MapQuizzesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/quizzes/attempts/{id:guid}/answers", SaveAsync)
            .RequireAuthorization(PermissionClaims.Policy(Permissions.Take))
            .RequireAntiforgeryHeader();
        endpoints.MapGet(QuestionImageText.RoutePrefix + "{id:guid}/{name}", ImageAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// An image of the question bank, for anyone signed in (a cadre's attempt shows it; its id cannot be guessed). Sent with the
    /// type its bytes were checked to be, never sniffed, and cached for good: an image never changes.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> ImageAsync(Guid id, HttpContext http, QuestionBank bank, CancellationToken cancellationToken)
    {
        if (await bank.ImageAsync(id, cancellationToken) is not { } image)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.File(image.Content, image.ContentType);
    }

    public static async Task<Results<Ok<SaveReply>, JsonHttpResult<AttemptRefusal>, NotFound>> SaveAsync(
        Guid id, SaveRequest request, ClaimsPrincipal user, AttemptService attempts, TimeProvider clock, IStringLocalizer<QuizzesStrings> t, CancellationToken cancellationToken)
    {
        var answers = (request.Answers ?? []).Select(a => new AnswerInput(a.Slot, a.Seq, (a.Response ?? new QuestionResponse()).Normalized())).ToList();
        if (answers.Count > MaxAnswersPerSave || request.Flags?.Count > MaxAnswersPerSave)
        {
            return Refused(StatusCodes.Status400BadRequest, "Answer.UnknownQuestion", t);
        }

        var outcome = await attempts.SaveAsync(id, user.RequiredUserId(), request.Page, answers, request.Flags, cancellationToken);
        if (outcome is null)
        {
            return TypedResults.NotFound();
        }

        if (outcome.Problem is { } problem)
        {
            var status = problem.Key.StartsWith("Answer.", StringComparison.Ordinal) ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return Refused(status, problem.Key, t);
        }

        return TypedResults.Ok(new SaveReply([.. outcome.Saved.Select(a => new SavedAnswer(a.Slot, a.Sequence))], outcome.DeadlineUtc, clock.GetUtcNow().UtcDateTime));
    }

    private static JsonHttpResult<AttemptRefusal> Refused(int status, string key, IStringLocalizer t) =>
        TypedResults.Json(new AttemptRefusal(key, t[key]), statusCode: status);
}
