namespace Learning.Recipes;

/// <summary>Marker for this module's resources.</summary>
public sealed class RecipesStrings;
