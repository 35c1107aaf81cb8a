using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BreachNotify.MailCapture.Tests;

public sealed class InboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string HostileMail = """
        {
          "from": { "email": "notices@breachnotify.test" },
          "subject": "<script>alert(1)</script>",
          "content": [
            { "type": "text/plain", "value": "Acknowledge: https://ack.test/a?x=1&y=2" },
            { "type": "text/html", "value": "<a href=\"https://ack.test/a?x=1&y=2\">Acknowledge</a>" }
          ],
          "personalizations": [{ "to": [{ "email": "ada@example.test" }] }]
        }
        """;

    [Fact]
    public async Task The_inbox_lists_mails_newest_first_and_encodes_what_it_prints()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        using var first = await client.SendAsync(HostileMail);
        using var second = await client.SendAsync(SendGridTestClient.Mail(("bob@example.test", "n2")));

        var html = await client.GetStringAsync("", Ct);
        var page = Parse(html);

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        var links = page.QuerySelectorAll("#mails tbody a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        // Newest first; the hostile subject is text, not markup.
        Assert.Equal([("/mails/1", "Security notice"), ("/mails/0", "<script>alert(1)</script>")], links);
        Assert.Empty(page.QuerySelectorAll("body script"));
        Assert.Empty(page.QuerySelectorAll("[onclick], style"));
        Assert.Equal("/assets/inbox.js", page.QuerySelector("head script")?.GetAttribute("src"));
        Assert.Equal("5", page.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task The_inbox_serves_its_stylesheet_and_script_as_static_files()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);

        using var css = await client.GetAsync("assets/inbox.css", Ct);
        using var js = await client.GetAsync("assets/inbox.js", Ct);

        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("iframe", await css.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Contains("clear-inbox", await js.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_page_shows_the_html_body_in_a_sandboxed_iframe_with_clickable_links_and_the_text_in_pre()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        using var sent = await client.SendAsync(HostileMail);

        var page = Parse(await client.GetStringAsync("mails/0", Ct));

        var frame = Assert.Single(page.QuerySelectorAll("iframe"));
        Assert.Equal("allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation", frame.GetAttribute("sandbox"));
        Assert.Equal("""<base target="_blank"><a href="https://ack.test/a?x=1&y=2">Acknowledge</a>""", frame.GetAttribute("srcdoc"));
        Assert.Equal("Acknowledge: https://ack.test/a?x=1&y=2", page.QuerySelector("pre")?.TextContent);
        Assert.Equal("<script>alert(1)</script>", page.QuerySelector("h1")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("body script"));
    }

    [Fact]
    public async Task A_mail_index_that_does_not_exist_is_404()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);

        using var response = await client.GetAsync("mails/0", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_json_api_lists_captured_mails_and_delete_clears_them()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        using var sent = await client.SendAsync(SendGridTestClient.Mail(("ada@example.test", "n1")));

        using var listed = JsonDocument.Parse(await client.GetStringAsync("api/mails", Ct));
        var mail = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal("ada@example.test", mail.GetProperty("to").GetString());
        Assert.Equal("n1", mail.GetProperty("customArgs").GetProperty("notice_id").GetString());

        using var deleted = await client.DeleteAsync("api/mails", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(server.Mails);
        Assert.Equal(0, server.RequestCount);
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);
}
