using System.Globalization;
using System.Text;

namespace Learning.Modularity;

/// <summary>Folds Vietnamese to lower-case ASCII words so that "chu ky so" finds "Chữ ký số" (đ is a letter of its own, not a mark).</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            };
            if (char.IsLetterOrDigit(folded))
            {
                builder.Append(folded);
                space = false;
            }
            else if (!space && builder.Length > 0)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    public static IReadOnlyList<string> Terms(string? query) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();
}

/// <summary>
/// An entity found by people's searches with and without Vietnamese marks, on both databases: the data layer stores
/// <see cref="SearchText.Fold"/> of <see cref="TextToSearch"/> in <see cref="SearchText"/> whenever the entity is saved, and
/// fills rows saved before the column existed when the database is migrated. A search folds its query the same way and
/// compares with <c>Contains</c> (SQLite's own upper/lower-casing knows only ASCII).
/// </summary>
public interface IHasSearchText
{
    string? SearchText { get; set; }

    /// <summary>What a search may match: names, e-mail, position (not mapped: a get-only property).</summary>
    string TextToSearch { get; }
}
