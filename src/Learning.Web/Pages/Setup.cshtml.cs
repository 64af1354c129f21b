using Learning.Data;
using Learning.Modularity;
using Learning.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Pages;

[AllowAnonymous]
public sealed class SetupModel(SetupService setup, IRecipeRunner recipes, IStringLocalizer<WebStrings> t) : PageModel
{
    /// <summary>Where a new administrator goes once the site is set up.</summary>
    public const string SignInAddress = "/Account/Login?returnUrl=%2FAdmin";

    public bool AlreadySetUp { get; private set; }

    public List<string> Errors { get; } = [];

    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];

    public string? SiteName { get; private set; }

    public string? AdminName { get; private set; }

    public string? AdminEmail { get; private set; }

    public string? Recipe { get; private set; } = "demo";

    /// <summary>Set up, but the recipe left parts out (their module is switched off): shown before signing in.</summary>
    public IReadOnlyList<string>? Skipped { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await setup.IsSetUpAsync(cancellationToken))
        {
            return AlreadyDone();
        }

        Recipes = recipes.ListRecipes();
        SiteName = t["Setup.DefaultSiteName"];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? siteName, string? adminName, string? adminEmail, string? password, string? passwordConfirm, string? recipe, CancellationToken cancellationToken)
    {
        (SiteName, AdminName, AdminEmail, Recipe) = (siteName, adminName, adminEmail, recipe);
        Recipes = recipes.ListRecipes();
        if (password != passwordConfirm)
        {
            Errors.Add(t["Setup.PasswordMismatch"]);
            return Page();
        }

        var result = await setup.SetupAsync(new SetupRequest(siteName ?? "", adminEmail ?? "", password ?? "", recipe, adminName), cancellationToken);
        if (result.AlreadySetUp)
        {
            return AlreadyDone();
        }

        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors);
            return Page();
        }

        if (result.Skipped.Count > 0)
        {
            // This response is drawn for the site as now set up (its name in the header), not as the request found it.
            HttpContext.Features.Set(await HttpContext.RequestServices.GetRequiredService<SiteState>().GetAsync(cancellationToken));
            Skipped = result.Skipped;
            return Page();
        }

        return Redirect(SignInAddress);
    }

    private PageResult AlreadyDone()
    {
        AlreadySetUp = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
