using System.ComponentModel.DataAnnotations;
using Learning.Modularity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Learning.UnitTests.Modularity;

public sealed class ValidatedOptionsTests
{
    private const string Section = "Learning:Sample";

    [Fact]
    public void GetValidated_ValuesInRange_BindsThem()
    {
        var options = Configuration(("Count", "7"), ("Name", "a")).GetValidated<SampleOptions>(Section);

        Assert.Equal(7, options.Count);
        Assert.Equal("a", options.Name);
    }

    [Fact]
    public void GetValidated_ValueOutOfRange_NamesTheFullKey()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Configuration(("Count", "-1")).GetValidated<SampleOptions>(Section));

        Assert.Equal("Learning:Sample:Count: The field Count must be between 1 and 10.", Assert.Single(failure.Failures));
    }

    [Fact]
    public void GetValidated_UnknownKey_NamesItAndTheKnownOnes()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Configuration(("Cuont", "3")).GetValidated<SampleOptions>(Section));

        Assert.Equal("Learning:Sample:Cuont: not a setting of Learning:Sample (it has Count, Name).", Assert.Single(failure.Failures));
    }

    [Fact]
    public void GetValidated_RuleOfTheClass_NamesTheMemberItGives()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Configuration(("Count", "2"), ("Name", "")).GetValidated<SampleOptions>(Section));

        Assert.Equal("Learning:Sample:Name: required when Count is above 1.", Assert.Single(failure.Failures));
    }

    [Fact]
    public void AddValidatedOptions_BadValue_FailsTheStartupValidation()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration(("Count", "11")))
            .AddValidatedOptions<SampleOptions>(Section).Services
            .BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Learning:Sample:Count:", failure.Message, StringComparison.Ordinal);
    }

    private static IConfigurationRoot Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"{Section}:{v.Key}", (string?)v.Value))).Build();

    private sealed class SampleOptions : IValidatableObject
    {
        [Range(1, 10)]
        public int Count { get; set; } = 1;

        public string? Name { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Count > 1 && string.IsNullOrEmpty(Name))
            {
                yield return new ValidationResult("required when Count is above 1.", [nameof(Name)]);
            }
        }
    }
}
