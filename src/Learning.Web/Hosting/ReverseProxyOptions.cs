using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Learning.Web.Hosting;

/// <summary><c>Learning:ReverseProxy</c>: whose <c>X-Forwarded-*</c> headers are believed.</summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "Learning:ReverseProxy";

    /// <summary>Honour <c>X-Forwarded-For/Proto/Host</c> from the proxy in front.</summary>
    public bool Enabled { get; set; }

    /// <summary>The only addresses whose headers are believed; loopback only when this and <see cref="KnownNetworks"/> are empty.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/24</c>) whose headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult($"'{KnownProxies[i]}' is not an IP address.", [$"{nameof(KnownProxies)}:{i}"]);
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult($"'{KnownNetworks[i]}' is not a network in CIDR notation (10.0.0.0/24).", [$"{nameof(KnownNetworks)}:{i}"]);
            }
        }
    }
}
