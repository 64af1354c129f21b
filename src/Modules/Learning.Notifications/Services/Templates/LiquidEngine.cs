using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Learning.Modularity;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Fluid set up for notification templates: one parser, one set of options (Vietnam's time zone, a step limit, the culture
/// filters <c>local_date</c>, <c>local_datetime</c> and <c>local_number</c>), models made of JSON only, so a template reads
/// the model's values and nothing else (no .NET member is reachable).
/// </summary>
public sealed partial class LiquidEngine
{
    /// <summary>HTML-encodes what must be (&lt; &gt; &amp; quotes) and leaves Vietnamese letters as they are.</summary>
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FluidParser parser = new();

    public LiquidEngine()
    {
        Options = new TemplateOptions
        {
            TimeZone = LocalTime.DefaultZone,
            MaxSteps = 100_000,
            MaxRecursion = 20,
        };
        Options.Filters.AddFilter("local_date", LocalDate);
        Options.Filters.AddFilter("local_datetime", LocalDateTime);
        Options.Filters.AddFilter("local_number", LocalNumber);
    }

    public TemplateOptions Options { get; }

    public bool HasFilter(string name) => Options.Filters.TryGetValue(name, out _);

    /// <summary>Parses Liquid; on failure gives the parser's message without its source excerpt and the 1-based line.</summary>
    public bool TryParse(string source, out IFluidTemplate template, out string error, out int line)
    {
        if (parser.TryParse(source, out template, out error))
        {
            error = "";
            line = 0;
            return true;
        }

        var message = error ?? "";
        var cut = message.IndexOf("\nSource:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var position = PositionPattern().Matches(message).LastOrDefault();
        line = position is null ? 0 : int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture);
        error = position is null ? message.Trim() : message.Remove(position.Index, position.Length).Trim().TrimEnd(' ', 'a', 't').Trim();
        return false;
    }

    public static CultureInfo Culture(string culture) => TemplateCultures.Normalize(culture) == "en" ? CultureInfo.GetCultureInfo("en-US") : CultureInfo.GetCultureInfo("vi-VN");

    public TemplateContext Context(JsonObject model, string culture)
    {
        var context = new TemplateContext(Options) { CultureInfo = Culture(culture), TimeZone = LocalTime.DefaultZone };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, ToFluid(value));
        }

        return context;
    }

    public static async Task<string> RenderAsync(IFluidTemplate template, TemplateContext context, TextEncoder encoder)
    {
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await template.RenderAsync(writer, encoder, context);
        return writer.ToString();
    }

    /// <summary>Reads a model; anything that is not a JSON object is an empty model.</summary>
    public static JsonObject ParseModel(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static FluidValue ToFluid(JsonNode? node) => node switch
    {
        null => NilValue.Instance,
        JsonObject obj => new DictionaryValue(new FluidValueDictionaryFluidIndexable(obj.ToDictionary(p => p.Key, p => ToFluid(p.Value), StringComparer.OrdinalIgnoreCase))),
        JsonArray array => new ArrayValue(array.Select(ToFluid).ToArray()),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new StringValue(value.GetValue<string>()),
            JsonValueKind.Number => NumberValue.Create(value.GetValue<decimal>()),
            JsonValueKind.True => BooleanValue.True,
            JsonValueKind.False => BooleanValue.False,
            _ => NilValue.Instance,
        },
        _ => NilValue.Instance,
    };

    private static ValueTask<FluidValue> LocalDate(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        FormatDate(input, context, withTime: false);

    private static ValueTask<FluidValue> LocalDateTime(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        FormatDate(input, context, withTime: true);

    /// <summary>
    /// An ISO date ("2026-12-31") stays that day; an instant ("2026-12-01T02:30:00Z") is shown in Vietnam's time. Vietnamese
    /// reads dd/MM/yyyy (and HH:mm), English d MMM yyyy.
    /// </summary>
    private static ValueTask<FluidValue> FormatDate(FluidValue input, TemplateContext context, bool withTime)
    {
        var text = input.ToStringValue();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(StringValue.Empty);
        }

        DateTime local;
        var hasTime = text.Contains('T', StringComparison.Ordinal) || text.Contains(' ', StringComparison.Ordinal);
        if (!hasTime && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            local = day.ToDateTime(TimeOnly.MinValue);
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            local = TimeZoneInfo.ConvertTime(instant, context.TimeZone).DateTime;
        }
        else
        {
            return new(input);
        }

        var vietnamese = context.CultureInfo.TwoLetterISOLanguageName == "vi";
        var format = (vietnamese, withTime && hasTime) switch
        {
            (true, true) => "HH:mm dd/MM/yyyy",
            (true, false) => "dd/MM/yyyy",
            (false, true) => "d MMM yyyy, HH:mm",
            (false, false) => "d MMM yyyy",
        };
        return new(new StringValue(local.ToString(format, context.CultureInfo)));
    }

    /// <summary>A number in the culture (85,5 in Vietnamese, 85.5 in English; thousands grouped), with at most N decimals (2).</summary>
    private static ValueTask<FluidValue> LocalNumber(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var decimals = arguments.Count > 0 ? Math.Clamp((int)arguments.At(0).ToNumberValue(), 0, 6) : 2;
        var format = decimals == 0 ? "#,##0" : "#,##0." + new string('#', decimals);
        return new(new StringValue(input.ToNumberValue().ToString(format, context.CultureInfo)));
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex PositionPattern();
}
