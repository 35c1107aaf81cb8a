using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// Who is at the console. Standalone: a commander key checked at sign-in, then an ASP.NET Core cookie session
/// (HttpOnly, SameSite=Strict, Secure on HTTPS, scoped to /console) held on the server (<see cref="ConsoleSessionStore"/>:
/// sign-out ends it) and bound to the hash of the key it began with (a key removed or changed ends it on the next
/// request). With <c>Console:Auth=EasyAuth</c>: the App Service authentication principal header, and only that.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "bn-console";
    public const string CookieName = "bn-console";
    public const string EasyAuthHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The SHA-256 (hex) of the key a session was signed in with; kept in the server-side session only.</summary>
    public const string KeyHashClaim = "bn-key-sha256";

    public static IServiceCollection AddConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        // Behind the Functions host the app sees plain HTTP from the host on loopback, while browsers speak HTTPS to Azure.
        var behindFunctionsHost = !string.IsNullOrEmpty(configuration["FUNCTIONS_WORKER_RUNTIME"]);
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = behindFunctionsHost ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/console";
            o.Cookie.IsEssential = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/console/signin";
            o.LogoutPath = "/console/signout";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = EndIfKeyGoneAsync;
            o.Events.OnRedirectToLogin = context => ConsoleChallenge.SignInFirstAsync(context.HttpContext);
            o.Events.OnRedirectToAccessDenied = context => ConsoleChallenge.ForbiddenAsync(context.HttpContext);
        });
        services.AddSingleton<ConsoleSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<ConsoleSessionStore>((o, store) => o.SessionStore = store);
        services.AddSingleton<DeadLetterRedrive>();
        return services;
    }

    /// <summary>The principal to sign in for a commander recognised by key (with that key's hash) or by Easy Auth.</summary>
    public static ClaimsPrincipal Principal(string commanderId, string method, string? keyHash = null) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, commanderId), new Claim(ClaimTypes.Name, commanderId), new Claim("amr", method),
            .. keyHash is null ? Array.Empty<Claim>() : [new Claim(KeyHashClaim, keyHash)],
        ],
        Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Every request of a cookie session: its commander must still hold the key it signed in with.</summary>
    private static async Task EndIfKeyGoneAsync(CookieValidatePrincipalContext context)
    {
        var commanders = context.HttpContext.RequestServices.GetRequiredService<Incidents.CommanderAuthenticator>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var keyHash = context.Principal?.FindFirstValue(KeyHashClaim);
        if (id is not null && keyHash is not null && commanders.HoldsKey(id, keyHash))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    /// <summary>
    /// The App Service authentication principal (base64 JSON: <c>auth_typ</c>, <c>claims[{typ,val}]</c>), accepted only
    /// when it lists <paramref name="groupId"/> among its <c>groups</c>. No group configured: nobody.
    /// </summary>
    public static ClaimsPrincipal? FromEasyAuth(string? header, string? groupId)
    {
        if (string.IsNullOrWhiteSpace(header) || string.IsNullOrWhiteSpace(groupId) || header.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var pairs = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out _) && c.TryGetProperty("val", out _))
                .Select(c => (Type: c.GetProperty("typ").GetString() ?? "", Value: c.GetProperty("val").GetString() ?? ""))
                .ToList();
            if (!pairs.Any(p => p.Type is "groups" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups" && string.Equals(p.Value, groupId, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var name = First(pairs, "preferred_username", ClaimTypes.Upn, ClaimTypes.Email, "name", ClaimTypes.Name);
            var objectId = First(pairs, "http://schemas.microsoft.com/identity/claims/objectidentifier", "oid", ClaimTypes.NameIdentifier);
            var id = name ?? objectId;
            return id is null ? null : Principal("aad:" + id, "easyauth");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? First(List<(string Type, string Value)> claims, params string[] types) =>
        types.Select(t => claims.FirstOrDefault(c => c.Type == t && c.Value.Length > 0).Value).FirstOrDefault(v => v is not null);

    /// <summary>Only local console paths may be returned to after sign-in.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 2048 } && returnUrl.StartsWith("/console", StringComparison.Ordinal) && !returnUrl.Contains('\\') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && returnUrl.All(c => c > ' ' && c < 127) && !returnUrl.StartsWith("/console/signin", StringComparison.Ordinal) && !returnUrl.StartsWith("/console/signout", StringComparison.Ordinal)
            ? returnUrl
            : "/console";
}
