using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Courses",
    Category = "Learning",
    Description = "Catalog, course structure, enrolment and assignment, progress, restrictions, learning paths and authoring.",
    Dependencies = ["Learning.Users", "Learning.Organization", "Learning.Notifications"],
    RecipeSteps = ["courses", "learningPaths", "assignments"])]
[assembly: NeutralResourcesLanguage("vi")]
