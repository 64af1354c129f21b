using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>Create or edit a quiz: its settings, review options per moment, and its slots.</summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class EditModel(QuizAuthoring authoring, QuestionBank bank, AttemptService attempts, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public const int MaxChoices = 2000;

    [BindProperty]
    public QuizSettingsInput Input { get; set; } = new() { ReviewImmediately = [ReviewItems.Answer, ReviewItems.Correctness, ReviewItems.Marks, ReviewItems.Feedback], ReviewAfterClose = [ReviewItems.Answer, ReviewItems.Correctness, ReviewItems.Marks, ReviewItems.Feedback, ReviewItems.GeneralFeedback, ReviewItems.RightAnswer] };

    public Quiz? Quiz { get; private set; }

    public IReadOnlyList<CategoryNode> Categories { get; private set; } = [];

    /// <summary>The bank's questions to pick a fixed one from (key and name), at most <see cref="MaxChoices"/>.</summary>
    public IReadOnlyList<(string Key, string Name)> QuestionChoices { get; private set; } = [];

    /// <summary>What each slot can draw now, by slot id (a random slot whose category no longer has enough is flagged).</summary>
    public IReadOnlyDictionary<int, SlotSupply> Supply { get; private set; } = new Dictionary<int, SlotSupply>();

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            Quiz = await authoring.FindAsync(key, cancellationToken);
            if (Quiz is null)
            {
                return NotFound();
            }

            Input = QuizSettingsInput.From(Quiz);
            Supply = (await authoring.SupplyAsync(Quiz, cancellationToken)).ToDictionary(s => s.SlotId);
            QuestionChoices = await bank.KeysAsync(MaxChoices, cancellationToken);
        }

        Categories = await bank.TreeAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? key, CancellationToken cancellationToken)
    {
        var before = key is null ? null : await authoring.FindAsync(key, cancellationToken);
        var (quiz, error) = await authoring.SaveAsync(key, Input, cancellationToken);
        if (error == "Edit.NotFound")
        {
            return NotFound();
        }

        if (error is not null)
        {
            Quiz = key is null ? null : await authoring.FindAsync(key, cancellationToken);
            return await ShowAsync(error, true, cancellationToken);
        }

        if (before is not null && (before.TimeLimitSeconds, before.ClosesUtc) != (quiz!.TimeLimitSeconds, quiz.ClosesUtc))
        {
            // A longer or shorter limit, a later or earlier close, during an exam: the attempts in progress take it at once.
            await attempts.RetimeOpenAttemptsAsync(quiz, null, User.RequiredUserId(), cancellationToken);
        }

        return Redirect($"/Admin/Quizzes/Edit?key={Uri.EscapeDataString(quiz!.Key)}&saved=1");
    }

    public Task<IActionResult> OnPostAddFixedAsync(string key, string? question, decimal? mark, CancellationToken cancellationToken) =>
        ChangeSlotsAsync(key, quiz => authoring.AddFixedAsync(quiz, question ?? "", mark ?? 1, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAddRandomAsync(string key, int category, int count, bool subcategories, decimal? mark, CancellationToken cancellationToken) =>
        ChangeSlotsAsync(key, quiz => authoring.AddRandomAsync(quiz, category, count, subcategories, mark ?? 1, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(string key, int slot, CancellationToken cancellationToken)
    {
        var quiz = await authoring.FindAsync(key, cancellationToken);
        if (quiz is null || !await authoring.RemoveSlotAsync(quiz, slot, cancellationToken))
        {
            return NotFound();
        }

        return Redirect($"/Admin/Quizzes/Edit?key={Uri.EscapeDataString(key)}");
    }

    private async Task<IActionResult> ChangeSlotsAsync(string key, Func<Quiz, Task<string?>> change, CancellationToken cancellationToken)
    {
        var quiz = await authoring.FindAsync(key, cancellationToken);
        if (quiz is null)
        {
            return NotFound();
        }

        if (await change(quiz) is { } error)
        {
            Quiz = quiz;
            Input = QuizSettingsInput.From(quiz);
            return await ShowAsync(error, true, cancellationToken);
        }

        return Redirect($"/Admin/Quizzes/Edit?key={Uri.EscapeDataString(key)}");
    }

    private async Task<IActionResult> ShowAsync(string messageKey, bool isError, CancellationToken cancellationToken)
    {
        (Message, IsError) = (t[messageKey], isError);
        Categories = await bank.TreeAsync(cancellationToken);
        if (Quiz is not null)
        {
            Supply = (await authoring.SupplyAsync(Quiz, cancellationToken)).ToDictionary(s => s.SlotId);
            QuestionChoices = await bank.KeysAsync(MaxChoices, cancellationToken);
        }

        Response.StatusCode = isError ? 400 : 200;
        return Page();
    }
}
