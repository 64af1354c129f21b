using Learning.Courses.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Admin.Courses;

[RequirePermission(Permissions.Names.Author)]
[RequestSizeLimit(CoursePackages.MaxPackageBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CoursePackages.MaxPackageBytes)]
public sealed class ImportModel(CoursePackages packages, IStringLocalizer<CoursesStrings> t) : PageModel
{
    public RecipeResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? package, CancellationToken cancellationToken)
    {
        if (package is null || package.Length == 0)
        {
            Result = RecipeResult.Failed("?", t["Admin.NoFile"]);
            return Page();
        }

        await using var stream = package.OpenReadStream();
        Result = await packages.ImportAsync(stream, User, cancellationToken);
        return Page();
    }
}
