using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// How the framework's antiforgery middleware found a posted form (endpoints marked with
/// <see cref="RequireAntiforgeryTokenAttribute"/>): a form that cannot be read (a NUL in a field, a broken or
/// boundary-less multipart body, more fields than the form limit) is the sender's mistake, answered with a 4xx, not an
/// exception; a missing, forged or stale token is an expired form.
/// </summary>
internal static class FormBodies
{
    public enum Check
    {
        Valid,
        NotAForm,
        Unreadable,
        Expired,
    }

    /// <summary>
    /// The verdict; the content type is read from the header, as <see cref="HttpRequest.HasFormContentType"/> refuses to
    /// answer once the antiforgery check failed.
    /// </summary>
    public static Check Of(HttpContext http) => !IsForm(http.Request.ContentType) ? Check.NotAForm : http.Features.Get<IAntiforgeryValidationFeature>() switch
    {
        { IsValid: true } => Check.Valid,
        { Error.InnerException: InvalidDataException or IOException } => Check.Unreadable,
        // No verdict at all: the endpoint lacks the metadata; refuse rather than take an unchecked form.
        _ => Check.Expired,
    };

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));
}
