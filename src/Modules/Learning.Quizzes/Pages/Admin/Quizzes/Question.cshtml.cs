using System.Globalization;
using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>Creates or edits one question of any type: a plain form, its rows posted as parallel lists (a few blank rows to add more).</summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class QuestionModel(QuestionBank bank, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public const int BlankRows = 3;

    /// <summary>The shares offered for an option (Moodle's list, shortened), negatives for penalties.</summary>
    public static readonly double[] Fractions = [1, 0.5, 0.3333333, 0.25, 0.2, 0.1, 0, -0.1, -0.2, -0.25, -0.3333333, -0.5, -1];

    [BindProperty]
    public QuestionForm Form { get; set; } = new();

    public QuestionDefinition Question { get; private set; } = new();

    public int Version { get; private set; }

    public IReadOnlyList<CategoryNode> Categories { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int? id, int? category, QuestionType? type, bool saved, bool newVersion, CancellationToken cancellationToken)
    {
        Categories = await bank.TreeAsync(cancellationToken);
        if (id is { } questionId)
        {
            if (await bank.GetAsync(questionId, cancellationToken) is not { } found)
            {
                return NotFound();
            }

            Question = found.Definition;
            Version = found.Version;
            Form = new QuestionForm { Id = questionId, CategoryId = found.Question.CategoryId, Key = found.Question.Key, Type = Question.Type };
            Message = !saved ? null : newVersion ? t["Question.SavedNewVersion", Version].Value : t["Question.Saved"].Value;
        }
        else
        {
            Question = new QuestionDefinition { Type = type ?? QuestionType.SingleChoice };
            Form = new QuestionForm { CategoryId = category ?? (Categories.Count > 0 ? Categories[0].Id : 0), Type = Question.Type };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Question = Form.ToDefinition();
        var toSave = Question;
        Dictionary<string, byte[]>? images = null;
        if (Form.Image is { Length: > 0 } file)
        {
            // Checked by its first bytes, never by its name or the type the browser claims; the text keeps what was typed.
            var (bytes, problem) = await ReadImageAsync(file, cancellationToken);
            if (problem is not null)
            {
                return await RefusedAsync([problem], cancellationToken);
            }

            var name = Path.GetFileName(file.FileName) is { Length: > 0 } given ? given : "anh";
            images = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [name] = bytes };
            toSave = Question with { Text = QuestionImageText.AppendImage(Question.Text, Form.ImageAlt, name) };
        }

        var result = await bank.SaveAsync(Form.Id, Form.CategoryId, Form.Key, toSave, User.UserId(), images, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/Admin/Quizzes/Question?id={result.QuestionId}&saved=true&newVersion={(result.NewVersion ? "true" : "false")}");
        }

        return await RefusedAsync(images is null ? result.Errors : [.. result.Errors, t["Question.Image.NotSaved"]], cancellationToken);
    }

    /// <summary>The form again, as posted, with what stopped it (a browser cannot be given its chosen file back: the message says so).</summary>
    private async Task<IActionResult> RefusedAsync(IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        Errors = errors;
        Categories = await bank.TreeAsync(cancellationToken);
        if (Form.Id is { } id && await bank.GetAsync(id, cancellationToken) is { } found)
        {
            Version = found.Version;
        }

        return Page();
    }

    private async Task<(byte[] Bytes, string? Problem)> ReadImageAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file.FileName);
        if (file.Length > QuestionImageText.MaxBytes)
        {
            return ([], t["Question.Image.TooLarge", name, QuestionImageText.MaxBytes / 1024]);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var bytes = buffer.ToArray();
        return QuestionImageText.ContentType(bytes) is null ? ([], t["Question.Image.NotAnImage", name]) : (bytes, null);
    }

    /// <summary>The posted form: fixed fields, then rows as parallel lists in the order shown.</summary>
    public sealed class QuestionForm
    {
        public int? Id { get; set; }

        public int CategoryId { get; set; }

        public string? Key { get; set; }

        public QuestionType Type { get; set; }

        public string? Name { get; set; }

        public string? Text { get; set; }

        public string? GeneralFeedback { get; set; }

        /// <summary>An image to add to the question's text (at its end, as a Markdown image the trainer can move).</summary>
        public IFormFile? Image { get; set; }

        /// <summary>What the image shows, for a cadre who cannot see it (its alternative text); the file's name when left empty.</summary>
        public string? ImageAlt { get; set; }

        public string? Mark { get; set; }

        public bool Shuffle { get; set; }

        public bool IgnoreDiacritics { get; set; }

        public bool CaseSensitive { get; set; }

        public bool UnitRequired { get; set; }

        public string? Correct { get; set; }

        public string? TrueFeedback { get; set; }

        public string? FalseFeedback { get; set; }

        public List<string?> OptionId { get; set; } = [];

        public List<string?> OptionText { get; set; } = [];

        public List<string?> OptionFraction { get; set; } = [];

        public List<string?> OptionTolerance { get; set; } = [];

        public List<string?> OptionFeedback { get; set; } = [];

        public List<string?> PairId { get; set; } = [];

        public List<string?> PairPrompt { get; set; } = [];

        public List<string?> PairAnswer { get; set; } = [];

        public List<string?> UnitName { get; set; } = [];

        public List<string?> UnitMultiplier { get; set; } = [];

        public QuestionDefinition ToDefinition()
        {
            var numerical = Type == QuestionType.Numerical;
            var options = new List<QuestionOption>();
            for (var i = 0; i < OptionText.Count; i++)
            {
                var text = OptionText[i]?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                options.Add(new QuestionOption
                {
                    Id = At(OptionId, i) ?? "",
                    Text = numerical && text != "*" ? FormatTextNumber(text) : text,
                    Fraction = Type == QuestionType.Ordering ? 0 : Number(At(OptionFraction, i)) ?? 0,
                    Tolerance = numerical ? Math.Abs(Number(At(OptionTolerance, i)) ?? 0) : 0,
                    Feedback = At(OptionFeedback, i),
                });
            }

            var pairs = new List<MatchPair>();
            for (var i = 0; i < Math.Max(PairPrompt.Count, PairAnswer.Count); i++)
            {
                if (At(PairPrompt, i) is null && At(PairAnswer, i) is null)
                {
                    continue;
                }

                pairs.Add(new MatchPair { Id = At(PairId, i) ?? "", Prompt = At(PairPrompt, i) ?? "", Answer = At(PairAnswer, i) ?? "" });
            }

            var units = new List<NumericUnit>();
            for (var i = 0; i < UnitName.Count; i++)
            {
                if (At(UnitName, i) is { } unit)
                {
                    units.Add(new NumericUnit { Name = unit, Multiplier = Number(At(UnitMultiplier, i)) ?? 1 });
                }
            }

            return new QuestionDefinition
            {
                Type = Type,
                Name = Name?.Trim() ?? "",
                Text = Text?.Trim() ?? "",
                GeneralFeedback = string.IsNullOrWhiteSpace(GeneralFeedback) ? null : GeneralFeedback.Trim(),
                DefaultMark = Number(Mark) ?? 1,
                ShuffleOptions = Shuffle,
                IgnoreDiacritics = Type == QuestionType.ShortAnswer && IgnoreDiacritics,
                CaseSensitive = Type == QuestionType.ShortAnswer && CaseSensitive,
                UnitRequired = numerical && UnitRequired && units.Count > 0,
                Units = numerical ? units : [],
                Options = Type switch
                {
                    QuestionType.TrueFalse => [
                        new() { Id = "true", Text = "Đúng", Fraction = Correct == "true" ? 1 : 0, Feedback = Clean(TrueFeedback) },
                        new() { Id = "false", Text = "Sai", Fraction = Correct == "false" ? 1 : 0, Feedback = Clean(FalseFeedback) }],
                    QuestionType.Matching or QuestionType.Essay => [],
                    _ => WithIds(options, (o, id) => o with { Id = id }, o => o.Id),
                },
                Pairs = Type == QuestionType.Matching ? WithIds(pairs, (p, id) => p with { Id = id }, p => p.Id) : [],
            };
        }

        private static string FormatTextNumber(string text) =>
            double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value.ToString("R", CultureInfo.InvariantCulture) : text;

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static string? At(List<string?> list, int i) => i < list.Count ? Clean(list[i]) : null;

        private static double? Number(string? text) =>
            double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

        /// <summary>Keeps the ids rows came with (responses and statistics refer to them); new rows get the next free letter.</summary>
        private static List<T> WithIds<T>(List<T> items, Func<T, string, T> withId, Func<T, string> idOf)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            var kept = items.Select(i => idOf(i) is { Length: > 0 } id && used.Add(id) ? i : withId(i, "")).ToList();
            var next = 0;
            return kept.Select(i =>
            {
                if (idOf(i).Length > 0)
                {
                    return i;
                }

                string id;
                do
                {
                    id = Letter(next++);
                }
                while (!used.Add(id));
                return withId(i, id);
            }).ToList();
        }

        private static string Letter(int index) => index < 26 ? ((char)('a' + index)).ToString() : Letter((index / 26) - 1) + (char)('a' + (index % 26));
    }
}
