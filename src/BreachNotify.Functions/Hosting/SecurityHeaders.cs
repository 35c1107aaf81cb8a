using Microsoft.AspNetCore.Builder;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Headers on every response: a strict CSP (no script, styles only from the app), no framing, no sniffing, no referrer,
/// no caching. The cache headers are the ones antiforgery sets on every page carrying a token (<c>no-cache, no-store</c>
/// and <c>Pragma: no-cache</c>): set here first, antiforgery finds nothing to override and logs no warning.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        await next();
    });
}
