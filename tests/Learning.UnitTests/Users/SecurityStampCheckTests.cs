using System.Security.Claims;
using Learning.Users.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Users.Tests;

/// <summary>
/// Identity's own validator (which re-reads the account and rebuilds the claims) is asked only when it would act: the cookie
/// is older than its interval by its clock, or has no issue time.
/// </summary>
public sealed class SecurityStampCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, false)]
    [InlineData(29, false)]
    [InlineData(30, false)] // Identity re-validates once more than the interval has passed, not at it
    [InlineData(31, true)]
    [InlineData(600, true)]
    public void IdentityValidation_IsDueOnlyAfterItsInterval(int minutesAgo, bool due)
    {
        var context = Context(Now.AddMinutes(-minutesAgo), options => options.TimeProvider = new At(Now));

        Assert.Equal(due, SecurityStampCheck.IdentityValidationDue(context));
    }

    [Fact]
    public void ACookieWithoutItsIssueTime_IsAlwaysValidated()
    {
        Assert.True(SecurityStampCheck.IdentityValidationDue(Context(null, options => options.TimeProvider = new At(Now))));
    }

    [Fact]
    public void AConfiguredInterval_IsTheOneUsed()
    {
        var context = Context(Now.AddMinutes(-6), options =>
        {
            options.TimeProvider = new At(Now);
            options.ValidationInterval = TimeSpan.FromMinutes(5);
        });

        Assert.True(SecurityStampCheck.IdentityValidationDue(context));
    }

    private static CookieValidatePrincipalContext Context(DateTimeOffset? issued, Action<SecurityStampValidatorOptions> configure)
    {
        var services = new ServiceCollection();
        services.Configure(configure);
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cadre")], "test")),
            new AuthenticationProperties { IssuedUtc = issued }, scheme.Name);
        return new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket);
    }

    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
