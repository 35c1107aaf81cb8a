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

        // The short timeout was for the delayed send; on a loaded machine the next one may take longer than 200 ms.
        server.Faults.Clear();
        using var patient = SendGridTestClient.Create(server);
        using var accepted = await patient.SendAsync(mail);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task An_answer_delay_captures_the_send_before_the_client_hears_and_keeps_it_when_the_client_gives_up()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        // Room for a loaded machine to deliver the request before the client gives up; the answer comes far later.
        client.Timeout = TimeSpan.FromMilliseconds(1500);
        server.Faults.AnswerDelay = TimeSpan.FromSeconds(5);
        var mail = SendGridTestClient.Mail(("ada@example.test", "n1"));

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.SendAsync(mail));

        // SendGrid had it: the client's lost answer does not undo the capture; the log shows the request went unanswered.
        Assert.Single(server.Mails);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var request = Assert.Single(server.Requests);
        Assert.Equal(0, request.Status);
        Assert.Equal(1, request.Personalizations);
        Assert.True(request.Bytes > 0);
    }

    [Fact]
    public async Task The_request_log_holds_every_send_with_its_answer()
    {
        await using var server = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = SendGridTestClient.Create(server);
        server.Faults.FailNext(1, 429, TimeSpan.FromSeconds(1));
        var mail = SendGridTestClient.Mail(("ada@example.test", "n1"), ("bob@example.test", "n2"));

        using var throttled = await client.SendAsync(mail);
        using var accepted = await client.SendAsync(mail);

        Assert.Equal([429, 202], server.Requests.Select(r => r.Status));
        Assert.Equal([1, 2], server.Requests.Select(r => r.RequestNumber));
        Assert.Equal(2, server.Requests[1].Personalizations);
        Assert.All(server.Requests, r => Assert.True(r.AnsweredAt >= r.ReceivedAt));
    }
}
