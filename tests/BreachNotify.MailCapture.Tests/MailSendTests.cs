using System.Net;
using System.Text.Json;

namespace BreachNotify.MailCapture.Tests;

public sealed class MailSendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_with_two_personalizations_is_captured_as_two_mails_with_substitutions_applied_and_custom_args_merged()
    {
        await using var server = await MailCaptureServer.StartAsync(new() { ApiKey = SendGridTestClient.ApiKey }, Ct);
        using var client = SendGridTestClient.Create(server);

        using var response = await client.SendAsync("""
            {
              "from": { "email": "notices@breachnotify.test", "name": "BreachNotify" },
              "reply_to": { "email": "dpo@breachnotify.test" },
              "subject": "Notice for -name-",
              "content": [
                { "type": "text/plain", "value": "Hello -name-, see -link-" },
                { "type": "text/html", "value": "<p>Hello -name-, <a href=\"-link-\">acknowledge</a></p>" }
              ],
              "personalizations": [
                { "to": [{ "email": "ada@example.test", "name": "Ada" }],
                  "substitutions": { "-name-": "Ada", "-link-": "https://ack.test/a" },
                  "custom_args": { "notice_id": "n00001" } },
                { "to": [{ "email": "bob@example.test" }],
                  "subject": "Your notice, -name-",
                  "substitutions": { "-name-": "Bob", "-link-": "https://ack.test/b" },
                  "custom_args": { "notice_id": "n00002", "tenant": "override" } }
              ],
              "custom_args": { "tenant": "acme", "batch": "b1" },
              "headers": { "X-Notice": "1" },
              "categories": ["breach-notice"]
            }
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Ct));
        var messageId = Assert.Single(response.Headers.GetValues("X-Message-Id"));

        var mails = await server.WaitForMailsAsync(2, TimeSpan.FromSeconds(5));
        Assert.Collection(
            mails,
            ada =>
            {
                Assert.Equal($"{messageId}.0", ada.MessageId);
                Assert.Equal("ada@example.test", ada.To);
                Assert.Equal("Ada", ada.ToName);
                Assert.Equal("Notice for Ada", ada.Subject);
                Assert.Equal("Hello Ada, see https://ack.test/a", ada.Text);
                Assert.Equal("<p>Hello Ada, <a href=\"https://ack.test/a\">acknowledge</a></p>", ada.Html);
                Assert.Equal(
                    new Dictionary<string, string> { ["tenant"] = "acme", ["batch"] = "b1", ["notice_id"] = "n00001" },
                    ada.CustomArgs);
                Assert.Equal(1, ada.RequestNumber);
            },
            bob =>
            {
                Assert.Equal($"{messageId}.1", bob.MessageId);
                Assert.Equal("bob@example.test", bob.To);
                Assert.Null(bob.ToName);
                Assert.Equal("Your notice, Bob", bob.Subject);
                Assert.Equal("Hello Bob, see https://ack.test/b", bob.Text);
                Assert.Equal(
                    new Dictionary<string, string> { ["tenant"] = "override", ["batch"] = "b1", ["notice_id"] = "n00002" },
                    bob.CustomArgs);
            });
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_send_without_authorization_is_rejected_with_401_and_captures_nothing()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server, apiKey: null);

        using var response = await client.SendAsync(SendGridTestClient.Mail(("ada@example.test", "n1")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.NotEmpty(body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!);
        Assert.Empty(server.Mails);
    }

    [Fact]
    public async Task A_send_with_a_key_other_than_the_configured_one_is_rejected_with_401()
    {
        await using var server = await MailCaptureServer.StartAsync(new() { ApiKey = SendGridTestClient.ApiKey }, Ct);
        using var client = SendGridTestClient.Create(server, apiKey: "SG.someone-else");

        using var response = await client.SendAsync(SendGridTestClient.Mail(("ada@example.test", "n1")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_send_with_1001_personalizations_is_rejected_with_400_naming_the_field()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        var recipients = Enumerable.Range(0, 1001).Select(i => ($"r{i}@example.test", $"n{i}")).ToArray();

        using var response = await client.SendAsync(SendGridTestClient.Mail(recipients));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("personalizations", error.GetProperty("field").GetString());
        Assert.Empty(server.Mails);
    }

    [Fact]
    public async Task A_send_naming_one_address_in_two_personalizations_is_rejected_with_400_and_captures_nothing()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);

        // SendGrid compares addresses without regard to case.
        using var response = await client.SendAsync(SendGridTestClient.Mail(("dpo@example.test", "n1"), ("ada@example.test", "n2"), ("DPO@example.test", "n3")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("personalizations", error.GetProperty("field").GetString());
        Assert.Contains("more than once", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Mails);
    }

    [Fact]
    public async Task A_send_larger_than_the_size_limit_is_rejected_with_413_and_captures_nothing()
    {
        await using var server = await MailCaptureServer.StartAsync(new() { MaxRequestBytes = 2_000 }, Ct);
        using var client = SendGridTestClient.Create(server);
        var recipients = Enumerable.Range(0, 40).Select(i => ($"r{i}@example.test", $"n{i}")).ToArray();

        using var small = await client.SendAsync(SendGridTestClient.Mail(recipients[..2]));
        using var large = await client.SendAsync(SendGridTestClient.Mail(recipients));

        Assert.Equal(HttpStatusCode.Accepted, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(2, server.Mails.Count);
        Assert.Equal([202, 413], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_send_without_recipient_subject_or_content_is_rejected_with_one_error_per_problem()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);

        using var response = await client.SendAsync("""
            { "from": { "email": "notices@breachnotify.test" }, "personalizations": [{ "to": [] }] }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var fields = body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString());
        Assert.Equal(["personalizations.0.to", "subject", "content"], fields);
    }

    [Fact]
    public async Task Waiting_for_more_mails_than_arrive_times_out()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);

        await Assert.ThrowsAsync<TimeoutException>(() => server.WaitForMailsAsync(1, TimeSpan.FromMilliseconds(100)));
    }
}
