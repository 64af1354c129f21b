using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Organization",
    Category = "Organization",
    Description = "Provinces, communes, units, cadre profiles and managers' scopes.",
    Dependencies = ["Learning.Users"],
    TablePrefix = "org",
    RecipeSteps = ["organization", "cadres", "cadreAccounts", "scopes"])]
[assembly: NeutralResourcesLanguage("vi")]
