using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Recipes;

/// <summary><c>{ "name": "learningPaths", "paths": [ { "slug", "title", "description", "courses": ["slug", …] } ] }</c>.</summary>
public sealed class LearningPathsStep(LearningDbContext db, IStringLocalizer<CoursesStrings> t) : IRecipeStepHandler
{
    public string StepName => "learningPaths";

    public string? Permission => Permissions.Names.Author;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (item, path) in context.ArrayItems(context.Step, "paths", "", t["Recipe.PathsRequired"]).ToList())
        {
            var slug = context.RequiredString(item, "slug", path, t["Recipe.SlugRequired"]);
            var learningPath = await db.Set<LearningPath>().Include(p => p.Courses).SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
            if (learningPath is null)
            {
                learningPath = new LearningPath { Slug = slug };
                db.Add(learningPath);
            }

            learningPath.Title = context.RequiredString(item, "title", path, t["Recipe.TitleRequired"]);
            learningPath.Description = item.OptionalString("description") ?? "";
            var wanted = new List<int>();
            foreach (var (course, coursePath) in context.ArrayItems(item, "courses", path, t["Recipe.CoursesRequired"]).ToList())
            {
                var courseSlug = course.GetString() ?? "";
                var id = await db.Set<Course>().Where(c => c.Slug == courseSlug).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw context.Error(coursePath, t["Recipe.CourseUnknown", courseSlug]);
                wanted.Add(id);
            }

            learningPath.Courses.RemoveAll(c => !wanted.Contains(c.CourseId));
            for (var i = 0; i < wanted.Count; i++)
            {
                var entry = learningPath.Courses.SingleOrDefault(c => c.CourseId == wanted[i]);
                if (entry is null)
                {
                    learningPath.Courses.Add(new LearningPathCourse { CourseId = wanted[i], Position = i + 1 });
                }
                else
                {
                    entry.Position = i + 1;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
