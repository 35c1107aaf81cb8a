using System.ComponentModel.DataAnnotations;
using System.Net;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Which proxies in front of the app may say who the client is and how it connected (section <c>FrontEnd</c>):
/// their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> become the request's client address (per-client limits,
/// the acknowledgement's recorded address) and scheme (Secure cookies). Anyone else's forwarded headers are ignored.
/// </summary>
public sealed class FrontEndOptions : IValidatableObject
{
    public const string Section = "FrontEnd";

    /// <summary>Loopback peers are trusted: the Functions host forwards every request from 127.0.0.1.</summary>
    public bool TrustLoopback { get; set; } = true;

    /// <summary>Further proxy addresses (a reverse proxy, a gateway) whose forwarded headers are trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => new ValidationResult($"'{p}' is not an IP address", [nameof(KnownProxies)]));
}
