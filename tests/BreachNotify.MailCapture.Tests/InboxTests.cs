using System.Net;
using System.Text.Json;

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

        var page = await client.GetStringAsync("", Ct);

        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.True(
            page.IndexOf("href=\"/mails/1\"", StringComparison.Ordinal) < page.IndexOf("href=\"/mails/0\"", StringComparison.Ordinal),
            "newest mail should be listed first");
    }

    [Fact]
    public async Task A_mail_page_shows_the_html_body_in_a_sandboxed_iframe_with_clickable_links_and_the_text_in_pre()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        using var sent = await client.SendAsync(HostileMail);

        var page = await client.GetStringAsync("mails/0", Ct);

        Assert.Contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"", page, StringComparison.Ordinal);
        Assert.Contains("srcdoc=\"&lt;base target=&quot;_blank&quot;&gt;&lt;a href=&quot;https://ack.test/a?x=1&amp;y=2&quot;&gt;Acknowledge&lt;/a&gt;\"", page, StringComparison.Ordinal);
        Assert.Contains("<pre>Acknowledge: https://ack.test/a?x=1&amp;y=2</pre>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
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
}
