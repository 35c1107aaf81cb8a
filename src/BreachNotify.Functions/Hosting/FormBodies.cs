using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Reads a posted form once, before anything uses it, and checks its antiforgery token: a form that cannot be read (a
/// NUL in a field, a broken or boundary-less multipart body, more fields than the form limit) is the sender's mistake,
/// to be answered with a 4xx, not an exception.
/// </summary>
internal static class FormBodies
{
    public enum Check
    {
        Valid,
        Unreadable,
        Expired,
    }

    public static async Task<Check> CheckAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            // Read and cached: the antiforgery check and the handler read this same collection.
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Check.Unreadable;
        }

        try
        {
            return await antiforgery.IsRequestValidAsync(http) ? Check.Valid : Check.Expired;
        }
        catch (AntiforgeryValidationException)
        {
            return Check.Unreadable;
        }
    }
}
