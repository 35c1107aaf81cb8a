using System.Security.Claims;
using System.Text.Encodings.Web;
using BreachNotify.Functions.Incidents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// The commanders' API scheme: <c>Authorization: Bearer KEY</c>, recognised by <see cref="CommanderAuthenticator"/>. A
/// client that has spent its failed authentications (<see cref="AuthFailureLimiter"/>) is not authenticated at all, the
/// right key included, and its challenge is 429 with Retry-After; every other challenge is a 401 problem and counts as
/// one failure of the client.
/// </summary>
public sealed class CommanderKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CommanderAuthenticator commanders, AuthFailureLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? _lockedFor;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (limiter.LockedFor(AuthFailureLimiter.ClientOf(Context)) is { } wait)
        {
            _lockedFor = wait;
            return Task.FromResult(AuthenticateResult.Fail("too many failed authentications from this address"));
        }

        if (commanders.Authenticate(Request) is not { } commanderId)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, commanderId), new Claim(ClaimTypes.Name, commanderId), new Claim("amr", "key")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_lockedFor is { } wait)
        {
            return AuthFailureLimiter.TooManyRequests(Context, wait, "too many failed authentication attempts from this address; try again later").ExecuteAsync(Context);
        }

        limiter.Failed(AuthFailureLimiter.ClientOf(Context));
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Status(StatusCodes.Status401Unauthorized, "Not authenticated", "a commander key is required: Authorization: Bearer KEY").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "this commander key may not do that").ExecuteAsync(Context);
}
