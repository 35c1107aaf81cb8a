using System.Security.Claims;
using BreachNotify.Functions.CommanderConsole;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Who may call what, as the framework does it: one authentication scheme per way in (the commander key on the API, the
/// console's cookie session, the App Service principal header when <c>Console:Auth=EasyAuth</c>) and one authorization
/// policy per endpoint group. No scheme is the default: each group's policy names its own, so a console cookie never
/// opens the API and a Bearer key never opens the console. Under App Service authentication the API also takes the
/// platform's principal of a commander-group member (<see cref="CommanderScheme"/>), so people call it with their own
/// identity, not a shared key.
/// </summary>
public static class EdgeAuthentication
{
    public const string CommanderKeyScheme = "bn-commander-key";
    public const string EasyAuthScheme = "bn-easyauth";

    /// <summary>
    /// The API's scheme: the App Service principal when <c>Console:Auth=EasyAuth</c> and the platform set its header,
    /// else the commander key. Challenges and refusals are always the key scheme's problem+json (401 counted by the
    /// failure limiter, 429, 403), never the console's sign-in redirect.
    /// </summary>
    public const string CommanderScheme = "bn-commander";
    public const string CommanderPolicy = "commander";
    public const string ConsolePolicy = "console";

    public static IServiceCollection AddEdgeAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var console = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, CommanderKeyHandler>(CommanderKeyScheme, null)
            .AddScheme<AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthScheme, null)
            .AddPolicyScheme(CommanderScheme, null, scheme =>
            {
                // App Service strips a client's own principal header, so in this mode its presence means the platform signed the caller in.
                scheme.ForwardDefaultSelector = context =>
                    console.UsesEasyAuth && context.Request.Headers.ContainsKey(ConsoleSession.EasyAuthHeader) ? EasyAuthScheme : CommanderKeyScheme;
                scheme.ForwardChallenge = CommanderKeyScheme;
                scheme.ForwardForbid = CommanderKeyScheme;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(CommanderPolicy, p => p.AddAuthenticationSchemes(CommanderScheme).RequireAuthenticatedUser())
            .AddPolicy(ConsolePolicy, p => p.AddAuthenticationSchemes(console.UsesEasyAuth ? EasyAuthScheme : ConsoleSession.Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The commanders' API: a commander key (<see cref="CommanderKeyHandler"/>: 401/429 problem+json), or under Easy Auth a commander-group principal.</summary>
    public static TBuilder RequireCommander<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(CommanderPolicy);

    /// <summary>
    /// The console: a session (a GET without one goes to sign-in, anything else is 401), the framework's antiforgery
    /// validation of every form, and the console's CSP and form refusals (<see cref="ConsoleEndpoints"/>).
    /// </summary>
    public static TBuilder RequireConsoleSession<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(ConsolePolicy).WithMetadata(new RequireAntiforgeryTokenAttribute());
        builder.AddEndpointFilter(ConsoleEndpoints.ConsoleFormFilterAsync);
        return builder;
    }

    /// <summary>The signed-in commander's id (set by whichever scheme the endpoint's policy accepted).</summary>
    public static string CommanderId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("the endpoint has no commander policy");
}
