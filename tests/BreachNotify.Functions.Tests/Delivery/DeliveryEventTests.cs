using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.Workflow;
using BreachNotify.MailCapture;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Delivery;

/// <summary>
/// SendGrid's Signed Event Webhook against the real app: an incident run to sent notices (OCSF fixture: contoso's two
/// contacts and cloud-host's one), then events signed with a key pair made here, whose public key the app is given.
/// </summary>
public sealed class DeliveryEventTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _sendGrid.Dispose();

    [Fact]
    public async Task Delivered_ShowsDeliveredAndItsTime_ARepeatOrALateDeferralChangesNothing()
    {
        await using var flow = await SentAsync();
        var soc = flow.Notice("soc@contoso.example");
        var at = Now() - 30;

        var first = await flow.PostAsync(Sign(Events(Event("delivered", soc.Ref, at))));
        var again = await flow.PostAsync(Sign(Events(Event("delivered", soc.Ref, at))));
        var late = await flow.PostAsync(Sign(Events(Event("deferred", soc.Ref, at + 5, ("response", "421 try later")))));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((1, 1, 0, 0), await CountsAsync(first));
        Assert.Equal((1, 0, 1, 0), await CountsAsync(again));
        Assert.Equal((1, 0, 1, 0), await CountsAsync(late));
        var incident = await EndToEndTests.ReadAsync(flow.App, flow.IncidentId);
        var notice = NoticeOf(incident, soc.NoticeId);
        Assert.Equal("Delivered", notice.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(at), notice.GetProperty("deliveredAt").GetDateTimeOffset());
        Assert.False(notice.TryGetProperty("lastError", out _));
        Assert.Equal(1, incident.GetProperty("noticeCounts").GetProperty("delivered").GetInt32());
        var delivered = Timeline(incident, "noticeDelivered").Single();
        Assert.Contains(soc.NoticeId, delivered);
        Assert.DoesNotContain("@", delivered);
    }

    [Fact]
    public async Task DeliveredBouncedAndAcknowledged_TheIncidentsCountsComeFromItsCountRows_AndAgreeWithItsRows()
    {
        await using var flow = await SentAsync();
        var soc = flow.Notice("soc@contoso.example");
        var privacy = flow.Notice("privacy@contoso.example");
        var host = flow.Notice("secresponse@cloud-host.example");

        Assert.Equal((1, 1, 0, 0), await CountsAsync(await flow.PostAsync(Sign(Events(Event("delivered", soc.Ref, Now() - 5))))));
        Assert.Equal((1, 1, 0, 0), await CountsAsync(await flow.PostAsync(Sign(Events(Event("bounce", privacy.Ref, Now(), ("type", "bounce"), ("reason", "550 unknown")))))));
        var (acknowledged, _) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(host.Mail.Html!)), "Sam");
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        var rows = await NoticeCountCheck.AssertCountRowsMatchRowsAsync(flow.App.Services.GetRequiredService<NoticeStore>(), flow.IncidentId);
        var counts = (await EndToEndTests.ReadAsync(flow.App, flow.IncidentId)).GetProperty("noticeCounts");
        Assert.Equal(
            (rows.Total, rows.Pending, rows.Sent, rows.Failed, rows.Acknowledged, rows.Delivered, rows.Bounced),
            (counts.GetProperty("total").GetInt32(), counts.GetProperty("pending").GetInt32(), counts.GetProperty("sent").GetInt32(), counts.GetProperty("failed").GetInt32(),
                counts.GetProperty("acknowledged").GetInt32(), counts.GetProperty("delivered").GetInt32(), counts.GetProperty("bounced").GetInt32()));
        Assert.Equal((3, 0, 3, 1, 1, 1, 1), (rows.Total, rows.Pending, rows.Sent, rows.Failed, rows.Acknowledged, rows.Delivered, rows.Bounced));
    }

    [Fact]
    public async Task Deferred_RecordsTheReason_WithoutChangingTheStatus()
    {
        await using var flow = await SentAsync();
        var host = flow.Notice("secresponse@cloud-host.example");

        var response = await flow.PostAsync(Sign(Events(Event("deferred", host.Ref, Now(), ("response", "451 greylisted")))));

        Assert.Equal((1, 1, 0, 0), await CountsAsync(response));
        var notice = NoticeOf(await EndToEndTests.ReadAsync(flow.App, flow.IncidentId), host.NoticeId);
        Assert.Equal("Sent", notice.GetProperty("status").GetString());
        Assert.Equal("deferred: 451 greylisted", notice.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Bounce_MarksTheNoticeBounced_AlertsTheCommandersOnce_NamingTheParty()
    {
        await using var flow = await SentAsync();
        var privacy = flow.Notice("privacy@contoso.example");
        var body = Events(
            Event("processed", privacy.Ref, Now() - 20),
            Event("bounce", privacy.Ref, Now() - 10, ("type", "bounce"), ("reason", "550 5.1.1 mailbox unknown")),
            Event("delivered", $"{flow.IncidentId}/n09999", Now()),
            new Dictionary<string, object> { ["event"] = "delivered", ["email"] = "someone@elsewhere.example", ["timestamp"] = Now() });

        var first = await flow.PostAsync(Sign(body));
        var mailsAfterFirst = flow.App.Mail.Mails.Count;
        var again = await flow.PostAsync(Sign(body));
        var deliveredAfterBounce = await flow.PostAsync(Sign(Events(Event("delivered", privacy.Ref, Now()))));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(4, answer.GetProperty("received").GetInt32());
        Assert.Equal(1, answer.GetProperty("applied").GetInt32());
        Assert.Equal(1, answer.GetProperty("unchanged").GetInt32());
        Assert.Equal(2, answer.GetProperty("ignored").GetInt32());
        Assert.Equal(1, answer.GetProperty("alerts").GetInt32());

        // The alert went to the commanders, at once (within the request), naming the party and who is still reachable.
        var alerts = Alerts(flow.App.Mail.Mails);
        Assert.Equal(["ic-backup@ntc.example", "ic@ntc.example"], alerts.Select(m => m.To).Order().ToArray());
        Assert.All(alerts, m =>
        {
            Assert.Contains("Contoso", m.Subject);
            Assert.Contains("contoso", m.Subject);
            Assert.Contains(flow.IncidentId, m.Subject);
            Assert.Contains(privacy.NoticeId, m.Text);
            Assert.Contains("1 of Contoso", m.Text);
            Assert.DoesNotContain("privacy@contoso.example", m.Text);
        });

        // The same bounce again: recorded already, no second alert; a "delivered" after it does not undo it.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(0, repeat.GetProperty("applied").GetInt32());
        Assert.Equal(0, repeat.GetProperty("alerts").GetInt32());
        Assert.Equal((1, 0, 1, 0), await CountsAsync(deliveredAfterBounce));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(mailsAfterFirst, flow.App.Mail.Mails.Count);
        Assert.Equal(2, Alerts(flow.App.Mail.Mails).Count);

        var incident = await EndToEndTests.ReadAsync(flow.App, flow.IncidentId);
        var notice = NoticeOf(incident, privacy.NoticeId);
        Assert.Equal("Bounced", notice.GetProperty("status").GetString());
        Assert.Equal("bounce (bounce): 550 5.1.1 mailbox unknown", notice.GetProperty("lastError").GetString());
        Assert.False(notice.TryGetProperty("deliveredAt", out _));
        var counts = incident.GetProperty("noticeCounts");
        Assert.Equal(1, counts.GetProperty("bounced").GetInt32());
        Assert.Equal(1, counts.GetProperty("failed").GetInt32());
        var bounced = Timeline(incident, "noticeBounced").Single();
        Assert.Contains(privacy.NoticeId, bounced);
        Assert.DoesNotContain("@", bounced);
    }

    [Fact]
    public async Task Bounce_ReasonWithBidiControls_IsRecordedAndShownWithoutThem()
    {
        await using var flow = await SentAsync();
        var privacy = flow.Notice("privacy@contoso.example");

        var response = await flow.PostAsync(Sign(Events(Event("bounce", privacy.Ref, Now(), ("type", "bou\u202Ence"), ("reason", "550 \u202Etxt.exe\u2066 mailbox\u2069 unknown\u202A")))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = NoticeOf(await EndToEndTests.ReadAsync(flow.App, flow.IncidentId), privacy.NoticeId);
        Assert.Equal("bounce (bounce): 550 txt.exe mailbox unknown", notice.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Dropped_OfAPartysOnlyContact_SaysNobodyElseCanBeReached()
    {
        await using var flow = await SentAsync();
        var host = flow.Notice("secresponse@cloud-host.example");

        var response = await flow.PostAsync(Sign(Events(Event("dropped", host.Ref, Now(), ("reason", "Bounced Address")))));

        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("alerts").GetInt32());
        var alert = Alerts(flow.App.Mail.Mails).First();
        Assert.Contains("cloud-host", alert.Subject);
        Assert.Contains("No other contact", alert.Text);
        var notice = NoticeOf(await EndToEndTests.ReadAsync(flow.App, flow.IncidentId), host.NoticeId);
        Assert.Equal("Bounced", notice.GetProperty("status").GetString());
        Assert.Equal("dropped: Bounced Address", notice.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task BounceAlert_NotAccepted_Answers503_AndSendGridsRetrySendsIt_Once()
    {
        await using var flow = await SentAsync();
        var soc = flow.Notice("soc@contoso.example");
        var body = Events(Event("bounce", soc.Ref, Now(), ("type", "blocked"), ("reason", "spam")));

        flow.App.Mail.Faults.FailNext(1, 400);
        var failed = await flow.PostAsync(Sign(body));
        var retried = await flow.PostAsync(Sign(body));
        var again = await flow.PostAsync(Sign(body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("alerts").GetInt32());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, Alerts(flow.App.Mail.Mails).Count);
        Assert.Equal("Bounced", NoticeOf(await EndToEndTests.ReadAsync(flow.App, flow.IncidentId), soc.NoticeId).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delivered_AfterAcknowledgement_KeepsAcknowledged_AndRecordsTheDelivery()
    {
        await using var flow = await SentAsync();
        var soc = flow.Notice("soc@contoso.example");
        var (ack, html) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(soc.Mail.Html!)), "Sam Security");
        Assert.True(ack.StatusCode == HttpStatusCode.OK, html);
        var at = Now() - 5;

        var delivered = await flow.PostAsync(Sign(Events(Event("delivered", soc.Ref, at))));
        var bounce = await flow.PostAsync(Sign(Events(Event("bounce", soc.Ref, at + 1, ("type", "bounce"), ("reason", "late")))));

        Assert.Equal((1, 1, 0, 0), await CountsAsync(delivered));
        Assert.Equal(0, (await bounce.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("alerts").GetInt32());
        var notice = NoticeOf(await EndToEndTests.ReadAsync(flow.App, flow.IncidentId), soc.NoticeId);
        Assert.Equal("Acknowledged", notice.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(at), notice.GetProperty("deliveredAt").GetDateTimeOffset());
        Assert.Empty(Alerts(flow.App.Mail.Mails));
    }

    [Fact]
    public async Task Refused_BadSignatureTamperedBodyStaleTimestampOrUnsigned_401_AndNothingChanges()
    {
        await using var flow = await SentAsync();
        var soc = flow.Notice("soc@contoso.example");
        var body = Events(Event("bounce", soc.Ref, Now(), ("type", "bounce"), ("reason", "x")));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = Now().ToString(CultureInfo.InvariantCulture);

        var wrongKey = Request(body, now, EventWebhookSignature.Sign(other, now, Encoding.UTF8.GetBytes(body)));
        var tampered = Request(body.Replace("bounce", "delivered", StringComparison.Ordinal), now, EventWebhookSignature.Sign(_sendGrid, now, Encoding.UTF8.GetBytes(body)));
        var staleAt = (Now() - 11 * 60).ToString(CultureInfo.InvariantCulture);
        var stale = Request(body, staleAt, EventWebhookSignature.Sign(_sendGrid, staleAt, Encoding.UTF8.GetBytes(body)));
        var futureAt = (Now() + 11 * 60).ToString(CultureInfo.InvariantCulture);
        var future = Request(body, futureAt, EventWebhookSignature.Sign(_sendGrid, futureAt, Encoding.UTF8.GetBytes(body)));
        var unsigned = Request(body, null, null);
        var garbage = Request(body, now, "not base64 at all!");
        var otherTimestamp = Request(body, (Now() - 1).ToString(CultureInfo.InvariantCulture), EventWebhookSignature.Sign(_sendGrid, now, Encoding.UTF8.GetBytes(body)));

        foreach (var request in new[] { wrongKey, tampered, stale, future, unsigned, garbage, otherTimestamp })
        {
            using var response = await flow.App.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var incident = await EndToEndTests.ReadAsync(flow.App, flow.IncidentId);
        Assert.All(incident.GetProperty("notices").EnumerateArray(), n => Assert.Equal("Sent", n.GetProperty("status").GetString()));
        Assert.Empty(Alerts(flow.App.Mail.Mails));
    }

    [Fact]
    public async Task Refused_NotAnArray400_TooLarge413()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["SendGrid:EventWebhookPublicKey"] = PublicKey());
        var large = "[" + string.Join(",", Enumerable.Repeat("{\"event\":\"open\",\"padding\":\"" + new string('x', 1000) + "\"}", 1100)) + "]";

        using var notArray = await app.Http.SendAsync(Sign("{\"event\":\"delivered\"}"), TestContext.Current.CancellationToken);
        using var notJson = await app.Http.SendAsync(Sign("[{\"event\":"), TestContext.Current.CancellationToken);
        using var tooLarge = await app.Http.SendAsync(Sign(large), TestContext.Current.CancellationToken);
        using var empty = await app.Http.SendAsync(Sign("[]"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task WithoutAConfiguredKey_Answers503_EvenToASignedPost()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var response = await app.Http.SendAsync(Sign("[]"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> BadKeys => new()
    {
        { "not base64!", "SendGrid:EventWebhookPublicKey: not base64" },
        { Convert.ToBase64String(RSA.Create(2048).ExportSubjectPublicKeyInfo()), "SendGrid:EventWebhookPublicKey: not an EC public key" },
        { Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportSubjectPublicKeyInfo()), "SendGrid:EventWebhookPublicKey: not a P-256" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Startup_RefusesAnUnusableKey_NamingIt(string key, string expected)
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        settings["SendGrid:EventWebhookPublicKey"] = key;

        var (result, problems) = StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path);

        Assert.Null(result);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Startup_AcceptsAP256Key_AndNoKey()
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        Assert.Empty(StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path).Problems);

        settings["SendGrid:EventWebhookPublicKey"] = PublicKey();
        Assert.Empty(StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path).Problems);
    }

    private string PublicKey() => Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo());

    /// <summary>Ingest the OCSF fixture, approve it, and wait until its three notices are sent.</summary>
    private async Task<Flow> SentAsync()
    {
        var app = await TestApp.StartAsync(azurite, s => s["SendGrid:EventWebhookPublicKey"] = PublicKey());
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, Wait);
        using var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var notices = (await app.Mail.WaitForMailsAsync(4, Wait)).Where(m => m.CustomArgs.ContainsKey("notice_ref")).ToList();
        Assert.Equal(3, notices.Count);

        var deadline = DateTime.UtcNow + Wait;
        while ((await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("noticeCounts").GetProperty("sent").GetInt32() < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the notices were not marked sent");
            await Task.Delay(100, ct);
        }

        return new Flow(app, incidentId, notices);
    }

    private HttpRequestMessage Sign(string body)
    {
        var timestamp = Now().ToString(CultureInfo.InvariantCulture);
        return Request(body, timestamp, EventWebhookSignature.Sign(_sendGrid, timestamp, Encoding.UTF8.GetBytes(body)));
    }

    private static HttpRequestMessage Request(string body, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, DeliveryEventEndpoints.Route) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (timestamp is not null)
        {
            request.Headers.Add(EventWebhookSignature.TimestampHeader, timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add(EventWebhookSignature.SignatureHeader, signature);
        }

        return request;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>One SendGrid event of a notice, as the Event Webhook posts it (also used by the contact drill's tests).</summary>
    internal static Dictionary<string, object> Event(string kind, string noticeRef, long at, params (string Name, string Value)[] more)
    {
        var e = new Dictionary<string, object>
        {
            ["email"] = "recipient@example.invalid",
            ["timestamp"] = at,
            ["event"] = kind,
            ["sg_event_id"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)),
            ["sg_message_id"] = "msg-" + noticeRef.Replace('/', '-'),
            ["notice_ref"] = noticeRef,
            ["attempt"] = "1",
        };
        foreach (var (name, value) in more)
        {
            e[name] = value;
        }

        return e;
    }

    private static string Events(params Dictionary<string, object>[] events) => JsonSerializer.Serialize(events);

    private static async Task<(int Received, int Applied, int Unchanged, int Ignored)> CountsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (answer.GetProperty("received").GetInt32(), answer.GetProperty("applied").GetInt32(), answer.GetProperty("unchanged").GetInt32(), answer.GetProperty("ignored").GetInt32());
    }

    private static JsonElement NoticeOf(JsonElement incident, string noticeId) =>
        incident.GetProperty("notices").EnumerateArray().Single(n => n.GetProperty("noticeId").GetString() == noticeId);

    private static List<string> Timeline(JsonElement incident, string kind) =>
        [.. incident.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == kind).Select(t => t.GetProperty("detail").GetString()!)];

    private static List<CapturedMail> Alerts(IReadOnlyList<CapturedMail> mails) =>
        [.. mails.Where(m => m.Subject.StartsWith("Notice not delivered", StringComparison.Ordinal))];

    private sealed record SentNotice(string Ref, string NoticeId, CapturedMail Mail);

    private sealed class Flow(TestApp app, string incidentId, IReadOnlyList<CapturedMail> notices) : IAsyncDisposable
    {
        public TestApp App { get; } = app;

        public string IncidentId { get; } = incidentId;

        public SentNotice Notice(string email)
        {
            var mail = notices.Single(m => m.To == email);
            var noticeRef = mail.CustomArgs["notice_ref"];
            return new SentNotice(noticeRef, noticeRef.Split('/')[1], mail);
        }

        public Task<HttpResponseMessage> PostAsync(HttpRequestMessage request) => App.Http.SendAsync(request, TestContext.Current.CancellationToken);

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
