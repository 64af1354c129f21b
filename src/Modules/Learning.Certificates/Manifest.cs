using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Certificates",
    Category = "Learning",
    Description = "Signed, timestamped Vietnamese PDF certificates verifiable by QR code and by upload, and each cadre's digital-signature readiness from training to an issued signature.",
    Dependencies = ["Learning.Users", "Learning.Organization", "Learning.Courses", "Learning.Quizzes", "Learning.Notifications"],
    RecipeSteps = ["readiness"])]
[assembly: NeutralResourcesLanguage("vi")]
