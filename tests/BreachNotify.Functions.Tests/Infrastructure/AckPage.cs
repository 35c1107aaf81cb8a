using System.Net;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>Drives the acknowledgement page as a browser without script would: GET the page, POST its form with the cookie.</summary>
public static class AckPage
{
    /// <summary>The acknowledgement link a recipient clicks in the notice's HTML body.</summary>
    public static string LinkIn(string mailHtml) =>
        Html.Parse(mailHtml).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).FirstOrDefault(href => href.Contains("/ack/", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No acknowledgement link in the mail.");

    /// <param name="forwardedFor">Sent as <c>X-Forwarded-For</c>, as a front end in between would.</param>
    public static async Task<(HttpResponseMessage Response, string Html)> AcknowledgeAsync(Uri link, string name, string? comment = null, string? forwardedFor = null)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var browser = new HttpClient(handler);
        if (forwardedFor is not null)
        {
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        var shown = await browser.GetAsync(link);
        var page = await shown.Content.ReadAsStringAsync();
        var form = Html.HiddenFields(page);
        if (form.Count == 0)
        {
            // Already acknowledged (or not found): the page offers no form, only the outcome.
            return (shown, page);
        }

        form["name"] = name;
        if (comment is not null)
        {
            form["comment"] = comment;
        }

        var response = await browser.PostAsync(link, new FormUrlEncodedContent(form));
        return (response, await response.Content.ReadAsStringAsync());
    }
}
