using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Reports",
    Category = "Learning",
    Description = "Completion, readiness and training-hours reports for managers within their scope, with charts, exports and scheduled delivery; an xAPI statement stream and a JSON reporting API for the provincial data warehouse.",
    Dependencies = ["Learning.Users", "Learning.Organization", "Learning.Courses", "Learning.Quizzes", "Learning.Certificates", "Learning.Notifications"],
    RecipeSteps = ["reports-demo-learning"])]
[assembly: NeutralResourcesLanguage("vi")]
