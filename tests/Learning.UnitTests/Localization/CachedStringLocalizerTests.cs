using System.Globalization;
using Learning.Quizzes;
using Learning.Web.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Learning.UnitTests.Localization;

/// <summary>The host's localizers keep the strings they find: they must answer exactly as the framework's do, in each culture.</summary>
public sealed class CachedStringLocalizerTests
{
    private static readonly IOptions<LocalizationOptions> Options = Microsoft.Extensions.Options.Options.Create(new LocalizationOptions { ResourcesPath = "Resources" });

    [Fact]
    public void EveryString_IsTheFrameworks_InEachCulture_AsTheCultureChangesBetweenCalls()
    {
        var framework = new ResourceManagerStringLocalizerFactory(Options, NullLoggerFactory.Instance).Create(typeof(QuizzesStrings));
        var cached = new CachedStringLocalizerFactory(Options, NullLoggerFactory.Instance).Create(typeof(QuizzesStrings));
        var names = InCulture("vi", () => framework.GetAllStrings(true).Select(s => s.Name).ToList());
        Assert.True(names.Count > 300, $"{names.Count} strings");

        // Twice through both cultures, alternating: the second round reads what the first one kept.
        for (var round = 0; round < 2; round++)
        {
            foreach (var culture in new[] { "vi", "en" })
            {
                InCulture(culture, () =>
                {
                    foreach (var name in names)
                    {
                        var expected = framework[name];
                        var actual = cached[name];
                        Assert.Equal((expected.Name, expected.Value, expected.ResourceNotFound), (actual.Name, actual.Value, actual.ResourceNotFound));
                    }

                    return 0;
                });
            }
        }

        Assert.Equal("Đánh dấu", InCulture("vi", () => cached["Attempt.Flag"].Value));
        Assert.Equal("Flag", InCulture("en", () => cached["Attempt.Flag"].Value));
        Assert.Equal("Đánh dấu", InCulture("vi", () => cached["Attempt.Flag"].Value));
    }

    [Fact]
    public void Formats_WithTheCurrentCulture_AndAMissingName_IsTheNameItself_EveryTime()
    {
        var cached = new CachedStringLocalizerFactory(Options, NullLoggerFactory.Instance).Create(typeof(QuizzesStrings));

        Assert.Equal("Trang 2/8", InCulture("vi", () => cached["Attempt.PageOf", 2, 8].Value));
        Assert.Equal("Page 2 of 8", InCulture("en", () => cached["Attempt.PageOf", 2, 8].Value));

        for (var i = 0; i < 2; i++)
        {
            var missing = InCulture("vi", () => cached["No.Such.Key"]);
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Key", missing.Value);
            var formatted = InCulture("vi", () => cached["No {0} key", 7]);
            Assert.True(formatted.ResourceNotFound);
            Assert.Equal("No 7 key", formatted.Value);
        }
    }

    [Fact]
    public void OneLocalizerPerResourceSource_SoItsKeptStringsAreShared()
    {
        var factory = new CachedStringLocalizerFactory(Options, NullLoggerFactory.Instance);
        Assert.Same(factory.Create(typeof(QuizzesStrings)), factory.Create(typeof(QuizzesStrings)));
        Assert.Same(factory.Create("Learning.Quizzes.QuizzesStrings", "Learning.Quizzes"), factory.Create("Learning.Quizzes.QuizzesStrings", "Learning.Quizzes"));
        Assert.NotSame(factory.Create(typeof(QuizzesStrings)), factory.Create(typeof(Learning.Web.WebStrings)));
    }

    private static T InCulture<T>(string name, Func<T> read)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
