using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

[RequirePermission(Permissions.Names.Author)]
public sealed class BankModel(QuestionBank bank, QuizAuthoring authoring, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    /// <summary>After an archive: the quizzes whose random questions the bank can no longer fill.</summary>
    public IReadOnlyList<(Learning.Quizzes.Data.Quiz Quiz, SlotSupply Slot)> ShortQuizzes { get; private set; } = [];

    public bool Archived { get; private set; }

    public IReadOnlyList<CategoryNode> Tree { get; private set; } = [];

    public CategoryNode? Selected { get; private set; }

    public IReadOnlyList<QuestionRow> Rows { get; private set; } = [];

    public string? Search { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(int? category, string? q, bool archived, CancellationToken cancellationToken)
    {
        Search = q;
        Archived = archived;
        if (archived)
        {
            ShortQuizzes = await authoring.ShortQuizzesAsync(cancellationToken);
        }

        await LoadAsync(category, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateCategoryAsync(string? name, int? parentId, string? courseSlug, CancellationToken cancellationToken)
    {
        var created = string.IsNullOrWhiteSpace(name) ? null : await bank.CreateCategoryAsync(name, parentId, courseSlug, cancellationToken);
        if (created is null)
        {
            Error = t["Bank.CategoryInvalid"];
            await LoadAsync(parentId, cancellationToken);
            return Page();
        }

        return Redirect($"/Admin/Quizzes/Bank?category={created.Id}");
    }

    public async Task<IActionResult> OnPostChangeCategoryAsync(int id, string? name, int? parentId, CancellationToken cancellationToken)
    {
        if (!(await bank.TreeAsync(cancellationToken)).Any(c => c.Id == id))
        {
            return NotFound();
        }

        if (await bank.ChangeCategoryAsync(id, name ?? "", parentId, cancellationToken) is { } error)
        {
            Error = error;
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/Admin/Quizzes/Bank?category={id}");
    }

    public async Task<IActionResult> OnPostDeleteCategoryAsync(int id, CancellationToken cancellationToken)
    {
        if (!(await bank.TreeAsync(cancellationToken)).Any(c => c.Id == id))
        {
            return NotFound();
        }

        if (await bank.DeleteCategoryAsync(id, cancellationToken) is { } error)
        {
            Error = error;
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect("/Admin/Quizzes/Bank");
    }

    public async Task<IActionResult> OnPostArchiveAsync(int id, int? category, CancellationToken cancellationToken) =>
        await bank.ArchiveAsync(id, cancellationToken) ? Redirect($"/Admin/Quizzes/Bank?category={category}&archived=true") : NotFound();

    private async Task LoadAsync(int? category, CancellationToken cancellationToken)
    {
        Tree = await bank.TreeAsync(cancellationToken);
        Selected = Tree.FirstOrDefault(c => c.Id == category) ?? (category is null && Tree.Count > 0 ? Tree[0] : null);
        Rows = Selected is null ? [] : await bank.ListAsync(Selected.Id, Search, cancellationToken);
    }
}
