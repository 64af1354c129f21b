using System.ComponentModel.DataAnnotations;

namespace Learning.Recipes;

/// <summary><c>Learning:Recipes</c>.</summary>
public sealed class RecipeOptions : IValidatableObject
{
    public const string Section = "Learning:Recipes";

    /// <summary>Folder of shipped recipes. Empty: <c>content-recipes</c> next to the app or in a parent folder of it.</summary>
    public string? Path { get; set; }

    /// <summary>Largest recipe file an administrator may upload.</summary>
    [Range(typeof(long), "1024", "1073741824")]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Path) && !Directory.Exists(Path))
        {
            yield return new ValidationResult($"no folder at '{Path}'.", [nameof(Path)]);
        }
    }
}
