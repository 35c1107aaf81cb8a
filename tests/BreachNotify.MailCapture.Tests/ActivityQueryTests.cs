using System.Net;
using System.Text.Json;

namespace BreachNotify.MailCapture.Tests;

public sealed class ActivityQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("unique_args['notice_id']=\"n00001\"")]
    [InlineData("custom_args['notice_id'] = \"n00001\"")]
    public async Task A_query_by_custom_arg_finds_the_matching_mail_and_not_another(string query)
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        using var sent = await client.SendAsync(SendGridTestClient.Mail(("ada@example.test", "n00001"), ("bob@example.test", "n00002")));
        var ada = server.Mails[0];

        using var response = await client.GetAsync($"v3/messages?query={Uri.EscapeDataString(query)}&limit=10", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var message = Assert.Single(body.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal(ada.MessageId, message.GetProperty("msg_id").GetString());
        Assert.Equal("ada@example.test", message.GetProperty("to_email").GetString());
        Assert.Equal("Security notice", message.GetProperty("subject").GetString());
        Assert.Equal("delivered", message.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_query_for_a_notice_never_sent_finds_nothing()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        using var sent = await client.SendAsync(SendGridTestClient.Mail(("ada@example.test", "n00001")));

        var query = Uri.EscapeDataString("unique_args['notice_id']=\"n00009\"");
        using var body = JsonDocument.Parse(await client.GetStringAsync($"v3/messages?query={query}&limit=10", Ct));

        Assert.Empty(body.RootElement.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_query_outside_the_supported_syntax_is_rejected_with_400()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);

        using var response = await client.GetAsync($"v3/messages?query={Uri.EscapeDataString("status LIKE 'deliv%'")}&limit=10", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
