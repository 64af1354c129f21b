using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Recipes",
    Category = "Content",
    Description = "Runs JSON recipes from content-recipes/, an upload or the command line, in one transaction.",
    AlwaysEnabled = true,
    RecipeSteps = ["settings", "recipes"])]
[assembly: NeutralResourcesLanguage("vi")]
