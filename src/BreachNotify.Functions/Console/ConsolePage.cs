using System.Globalization;
using System.Net;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// What every console page needs: who is signed in, their zone, the clock, and an antiforgery token for forms.
/// <see cref="ConsoleLayout"/> cascades it to the page's components (<c>Time</c>, <c>Countdown</c>, <c>FormToken</c>).
/// </summary>
public sealed record ConsolePage(string? CommanderId, TimeZoneInfo Zone, string FormField, string FormToken, DateTimeOffset Now, string Here = "/console")
{
    /// <summary>Every text on a console page (titles too): cleaned (<see cref="ReadableText"/>, line breaks kept), then HTML-encoded.</summary>
    public static string E(string? value) => WebUtility.HtmlEncode(ReadableText.Clean(value, keepLines: true));

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
