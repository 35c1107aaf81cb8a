using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Secrets that travel in URLs never reach a log, whatever the log level: acknowledgement links (<c>/ack/{token}</c>,
/// path and query) and token-like query parameters (<c>token=</c>, Splunk's query token) are replaced by
/// <c>[redacted]</c> in every line's message, its structured values, its scopes (ASP.NET Core's request lines and
/// request scopes carry the path and query) and its exception's text (Kestrel quotes a refused request line).
/// </summary>
public static partial class LogRedaction
{
    public const string Redacted = "[redacted]";

    /// <summary>Wraps the logger factory, so every logger (the framework's too) writes through the redaction.</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return services;
    }

    /// <summary>The text with acknowledgement link secrets and token query values replaced.</summary>
    public static string Redact(string text)
    {
        if (text.IndexOf("/ack/", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf('=') < 0)
        {
            return text;
        }

        text = AckLink().Replace(text, "/ack/" + Redacted);
        return TokenParameter().Replace(text, m => m.Groups["name"].Value + Redacted);
    }

    // The token segment and anything after it in the link (its query, fragment); not the route template /ack/{token}.
    [GeneratedRegex(@"/ack/(?!\{token\})[^\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AckLink();

    [GeneratedRegex(@"(?<name>(?:^|[?&;\s])(?:token|access_token|id_token|code|sig|signature|key|secret|password)=)[^&\s""'#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenParameter();
}
