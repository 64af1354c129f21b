using Learning.Certificates.Services.Readiness;
using Learning.Courses;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Recipes;

/// <summary>
/// <c>{ "name": "readiness", "provinces": [ { "province": "KH", "path": "san-sang-ky-so" } ] }</c>, or <c>"courses": ["slug", …]</c>
/// instead of <c>"path"</c>: what makes the cadres of a province ready for a digital signature.
/// </summary>
public sealed class ReadinessStep(ReadinessSettings settings, ICadreDirectory cadres, ICourseProgressQuery courses, IStringLocalizer<CertificatesStrings> t) : IRecipeStepHandler
{
    public string StepName => "readiness";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var allCourses = await courses.CoursesAsync(cancellationToken);
        var paths = await courses.PathsAsync(cancellationToken);
        foreach (var (item, path) in context.ArrayItems(context.Step, "provinces", "", t["Recipe.ProvincesRequired"]).ToList())
        {
            var code = context.RequiredString(item, "province", path, t["Recipe.ProvinceRequired"]);
            var province = await cadres.FindUnitAsync(code, cancellationToken);
            if (province is null || province.Kind != "Province")
            {
                throw context.Error(path + ".province", t["Recipe.ProvinceUnknown", code]);
            }

            int? pathId = null;
            var courseIds = new List<int>();
            if (context.OptionalString(item, "path", path) is { } pathSlug)
            {
                pathId = paths.FirstOrDefault(p => p.Slug == pathSlug)?.Id ?? throw context.Error(path + ".path", t["Recipe.PathUnknown", pathSlug]);
            }
            else
            {
                foreach (var (course, coursePath) in context.ArrayItems(item, "courses", path, t["Recipe.CoursesRequired"]).ToList())
                {
                    var slug = course.GetString() ?? "";
                    courseIds.Add(allCourses.FirstOrDefault(c => c.Slug == slug)?.Id ?? throw context.Error(coursePath, t["Recipe.CourseUnknown", slug]));
                }
            }

            if (await settings.SetAsync(province.Id, pathId, courseIds, context.Options.Actor, cancellationToken) is { } error)
            {
                throw context.Error(path, t[error]);
            }
        }
    }
}
