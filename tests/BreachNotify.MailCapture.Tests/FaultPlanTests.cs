using System.Net;

namespace BreachNotify.MailCapture.Tests;

public sealed class FaultPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailNext_answers_the_status_with_Retry_After_for_the_armed_count_then_accepts()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        server.Faults.FailNext(2, 429, TimeSpan.FromSeconds(3));
        var mail = SendGridTestClient.Mail(("ada@example.test", "n1"));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var throttled = await client.SendAsync(mail);
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter?.Delta);
        }
        Assert.Empty(server.Mails);

        using var accepted = await client.SendAsync(mail);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(3, Assert.Single(server.Mails).RequestNumber);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task A_delay_longer_than_the_client_timeout_times_the_send_out_and_captures_nothing()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        client.Timeout = TimeSpan.FromMilliseconds(200);
        server.Faults.Delay = TimeSpan.FromSeconds(1);
        var mail = SendGridTestClient.Mail(("ada@example.test", "n1"));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.SendAsync(mail));

        // Past the delay: the aborted request must not have been captured late.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.Empty(server.Mails);

        server.Faults.Clear();
        using var accepted = await client.SendAsync(mail);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
