using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The console's scheme under App Service authentication (<c>Console:Auth=EasyAuth</c>): the principal header the
/// platform sets (<see cref="ConsoleSession.FromEasyAuth"/>), accepted only with the commander group. Challenges are the
/// console's own (sign-in page for a GET, 401 otherwise).
/// </summary>
public sealed class EasyAuthHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ConsoleOptions> console)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var principal = ConsoleSession.FromEasyAuth(Request.Headers[ConsoleSession.EasyAuthHeader].ToString(), console.Value.CommanderGroupId);
        return Task.FromResult(principal is null ? AuthenticateResult.NoResult() : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ConsoleChallenge.SignInFirstAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ConsoleChallenge.ForbiddenAsync(Context);
}
