using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>A category and its subcategories in any of the four formats, and the CSV or XLSX template.</summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class ExportModel(QuestionBank bank) : PageModel
{
    public IReadOnlyList<CategoryNode> Categories { get; private set; } = [];

    public int? CategoryId { get; private set; }

    public async Task OnGetAsync(int? category, CancellationToken cancellationToken)
    {
        CategoryId = category;
        Categories = await bank.TreeAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetDownloadAsync(int? category, QuestionFileFormat format, CancellationToken cancellationToken)
    {
        var tree = await bank.TreeAsync(cancellationToken);
        if (tree.FirstOrDefault(c => c.Id == category) is not { } node)
        {
            return NotFound();
        }

        var questions = await bank.ExportAsync(node.Id, cancellationToken);
        if (format == QuestionFileFormat.MoodleXml)
        {
            questions = await bank.WithImagesAsync(questions, cancellationToken); // Moodle XML carries its images; the other formats link them
        }

        var name = "cau-hoi-" + (SearchText.Fold(node.Name).Replace(' ', '-') is { Length: > 0 } slug ? slug : node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return File(QuestionFiles.Write(format, questions), QuestionFiles.ContentType(format), name + QuestionFiles.Extension(format));
    }

    public IActionResult OnGetTemplate(QuestionFileFormat format) =>
        format == QuestionFileFormat.Xlsx
            ? File(XlsxQuestionFormat.Template(), QuestionFiles.ContentType(format), "mau-cau-hoi.xlsx")
            : File(CsvQuestionFormat.Template(), QuestionFiles.ContentType(QuestionFileFormat.Csv), "mau-cau-hoi.csv");
}
