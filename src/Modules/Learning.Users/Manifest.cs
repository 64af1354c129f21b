using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Users",
    Category = "Security",
    Description = "Accounts, sign-in with lockout and rate limiting, roles and their permissions.",
    AlwaysEnabled = true,
    RecipeSteps = ["users", "roles"])]
[assembly: NeutralResourcesLanguage("vi")]
