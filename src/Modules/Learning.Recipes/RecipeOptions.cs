namespace Learning.Recipes;

/// <summary><c>Learning:Recipes</c>.</summary>
public sealed class RecipeOptions
{
    public const string Section = "Learning:Recipes";

    /// <summary>Folder of shipped recipes. Empty: <c>content-recipes</c> next to the app or in a parent folder of it.</summary>
    public string? Path { get; set; }

    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
}
