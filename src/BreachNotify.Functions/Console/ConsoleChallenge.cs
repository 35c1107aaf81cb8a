using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// What the console answers a request without a session (both of its schemes): a GET goes to sign-in and comes back
/// after; anything else (a form left open across a sign-out) is refused with a 401 page and does nothing.
/// </summary>
internal static class ConsoleChallenge
{
    public static Task SignInFirstAsync(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ConsoleEndpoints.ConsoleCsp;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status302Found;
            http.Response.Headers.Location = "/console/signin?returnUrl=" + Uri.EscapeDataString(ConsoleSession.SafeReturnUrl(http.Request.Path + http.Request.QueryString));
            return Task.CompletedTask;
        }

        return ConsoleEndpoints.Html(StatusCodes.Status401Unauthorized, ConsolePages.ProblemPage(ConsoleEndpoints.Page(http, anonymous: true), "Not signed in", "Sign in to the console first."))
            .ExecuteAsync(http);
    }

    public static Task ForbiddenAsync(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ConsoleEndpoints.ConsoleCsp;
        return ConsoleEndpoints.Html(StatusCodes.Status403Forbidden, ConsolePages.ProblemPage(ConsoleEndpoints.Page(http, anonymous: true), "Not allowed", "Your sign-in does not open this page."))
            .ExecuteAsync(http);
    }
}
