using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Delivery;

public sealed class BatchingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ThousandContactsOfOneCustomerInOneLanguage_GoOutInOneRequestOfAThousandPersonalizations()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(1, 1000, "en-GB"));
        await ApproveAsync(app, "batch-1");
        await WaitForNoticesAsync(app, 1000);

        var notices = app.NoticeMails;
        Assert.Equal(1000, notices.Count);
        Assert.Equal(1000, notices.Select(m => m.To).Distinct().Count());
        // Every personalization of one request: one SendGrid call for the thousand.
        Assert.Single(notices.Select(m => m.RequestNumber).Distinct());
        // Each still has its own acknowledgement link.
        Assert.Equal(1000, notices.Select(m => AckPage.LinkIn(m.Html!)).Distinct().Count());
    }

    [Fact]
    public async Task FiveHundredPartiesWithTwoContactsInMixedLocales_GoOutInOneRequestPerLanguage()
    {
        // Contact 0 of each customer reads English (en-GB or en), contact 1 German (de-DE or de-AT): two templates, two requests.
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] =
            GeneratedDirectory.Write(500, 2, (c, k) => k == 0 ? (c % 2 == 0 ? "en-GB" : "en") : (c % 2 == 0 ? "de-DE" : "de-AT")));
        await ApproveAsync(app, "parties-1");
        await WaitForNoticesAsync(app, 1000);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var notices = app.NoticeMails;
        Assert.Equal(1000, notices.Count);
        Assert.Equal(1000, notices.Select(m => m.To).Distinct().Count());
        var requests = notices.GroupBy(m => m.RequestNumber).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(500, r.Count()));
        Assert.Single(requests, r => r.All(m => m.Subject.StartsWith("Personal data breach notice", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.All(m => m.Subject.StartsWith("Meldung einer Verletzung", StringComparison.Ordinal)));
        // What differs per party still reaches each recipient: its party's name, in the text and encoded in the HTML, and its own link.
        foreach (var mail in notices)
        {
            var party = $"Customer {int.Parse(mail.To.Split("@c")[1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)}";
            Assert.Contains($": {party}\n", mail.Text!, StringComparison.Ordinal);
            Assert.Contains($"<dd>{party}</dd>", mail.Html!, StringComparison.Ordinal);
            Assert.DoesNotContain("-partyName", mail.Html!, StringComparison.Ordinal);
            Assert.DoesNotContain("-dueAt-", mail.Text!, StringComparison.Ordinal);
        }

        Assert.Equal(1000, notices.Select(m => AckPage.LinkIn(m.Html!)).Distinct().Count());
        Assert.Equal(1000, notices.Select(m => m.CustomArgs["notice_ref"]).Distinct().Count());
    }

    [Fact]
    public async Task AThousandPartiesWithTwoContactsInTwoLanguages_GoOutInTwoRequestsPerThousand_EachTextItsOwn()
    {
        // 2,000 recipients (two send items of 1,000), each customer's contact 0 English and contact 1 German, and five
        // different notice limits: four requests, and each recipient reads its own party's name and due time.
        const int Parties = 1000;
        static int HoursOf(int customer) => 24 + (customer % 5 * 12);
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(
            Parties, 2, (c, k) => k == 0 ? (c % 2 == 0 ? "en-GB" : "en") : (c % 2 == 0 ? "de-DE" : "de-AT"), noticeLimitHoursOf: HoursOf));
        await ApproveAsync(app, "thousand-1");
        await WaitForNoticesAsync(app, 2 * Parties);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var notices = app.NoticeMails;
        Assert.Equal(2 * Parties, notices.Count);
        Assert.Equal(2 * Parties, notices.Select(m => m.To).Distinct().Count());
        var requests = notices.GroupBy(m => m.RequestNumber).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Single(r.Select(m => m.Subject[..12]).Distinct()));
        Assert.All(requests, r => Assert.True(r.Select(m => m.To.Split('@')[1]).Distinct().Count() > 100, "a request of one party"));
        foreach (var mail in notices)
        {
            var customer = int.Parse(mail.To.Split("@c")[1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
            var german = mail.To.StartsWith("k1@", StringComparison.Ordinal);
            Assert.Contains($"{(german ? "An" : "To")}: Customer {customer}\n", mail.Text!, StringComparison.Ordinal);
            var aware = TimeIn(mail.Text!, german ? "Kenntnis erlangt: " : "Aware since: ");
            var due = TimeIn(mail.Text!, german ? "Ihre Frist: " : "Notice due under our agreement by: ");
            Assert.Equal(TimeSpan.FromHours(HoursOf(customer)), due - aware);
        }

        Assert.Equal(2 * Parties, notices.Select(m => AckPage.LinkIn(m.Html!)).Distinct().Count());
    }

    [Fact]
    public async Task OnePersonContactOfManyParties_GetsEachPartysNotice_NeverTwiceInOneRequest()
    {
        // A shared data protection officer is contact 1 of all forty customers: SendGrid refuses a request naming an
        // address twice (the capture too), so each of that person's notices goes in a request of its own.
        const int Parties = 40;
        const string Shared = "dpo@shared.example";
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(
            Parties, 2, (_, _) => "en-GB", emailOf: (c, k) => k == 1 ? Shared : $"k{k}@c{c:D4}.example"));
        await ApproveAsync(app, "shared-1");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (app.NoticeMails.Count < 2 * Parties && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        var notices = app.NoticeMails;
        Assert.Equal(2 * Parties, notices.Count);
        Assert.DoesNotContain(app.Mail.Requests, r => r.Status == 400);
        var shared = notices.Where(m => m.To == Shared).ToList();
        Assert.Equal(
            Enumerable.Range(0, Parties).Select(c => $"Customer {c}").Order(),
            shared.Select(m => m.Text!.Split('\n').Single(l => l.StartsWith("To: ", StringComparison.Ordinal))[4..]).Order());
        Assert.Equal(Parties, shared.Select(m => m.RequestNumber).Distinct().Count());
        Assert.All(notices.GroupBy(m => m.RequestNumber), r => Assert.Equal(r.Count(), r.Select(m => m.To).Distinct().Count()));
    }

    [Fact]
    public async Task RequestsLargerThanTheSizeLimit_AreSplitBelowIt()
    {
        const int MaxBytes = 30_000;
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Directory:Path"] = GeneratedDirectory.Write(1, 300, "en-GB");
            s["SendGrid:MaxRequestBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        await ApproveAsync(app, "size-1");
        await WaitForNoticesAsync(app, 300);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var notices = app.NoticeMails;
        Assert.Equal(300, notices.Select(m => m.To).Distinct().Count());
        Assert.Equal(300, notices.Count);
        var sent = app.Mail.Requests.Where(r => r.Status == 202 && notices.Any(m => m.RequestNumber == r.RequestNumber)).ToList();
        Assert.True(sent.Count > 1, $"{sent.Count} request(s) for 300 notices");
        Assert.All(sent, r => Assert.InRange(r.Bytes, 1, MaxBytes));
        TestContext.Current.SendDiagnosticMessage($"{sent.Count} requests, {string.Join(", ", sent.Select(r => $"{r.Personalizations} in {r.Bytes} B"))}");
    }

    [Fact]
    public async Task RemindersToTenPartiesInOneLanguage_GoOutInOneRequest()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Directory:Path"] = GeneratedDirectory.Write(10, 2, "en-GB");
            s["Workflow:AckReminderMinutes"] = "0.05";
            s["Workflow:MaxAckReminders"] = "1";
        });
        await ApproveAsync(app, "remind-1");
        var reminders = await app.WaitForMailsAsync(m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal), 20);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        reminders = [.. app.Mail.Mails.Where(m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal))];
        Assert.Equal(20, reminders.Select(m => m.To).Distinct().Count());
        Assert.Single(reminders.Select(m => m.RequestNumber).Distinct());
        Assert.All(reminders, m => Assert.Contains($"To: Customer {int.Parse(m.To.Split("@c")[1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)}\n", m.Text!, StringComparison.Ordinal));
    }

    private static async Task ApproveAsync(TestApp app, string externalId)
    {
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(GeneratedDirectory.Detection(externalId))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
    }

    /// <summary>The time written after <paramref name="label"/> on its line, as the English and German templates write it.</summary>
    private static DateTimeOffset TimeIn(string text, string label)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..];
        string[] formats = ["d MMM yyyy HH:mm 'UTC'", "dd.MM.yyyy HH:mm 'UTC'"];
        foreach (var culture in new[] { "en-GB", "en-US", "de-DE" }.Select(System.Globalization.CultureInfo.GetCultureInfo))
        {
            if (DateTimeOffset.TryParseExact(line, formats, culture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }
        }

        throw new FormatException($"no time after '{label}': {line}");
    }

    private static async Task WaitForNoticesAsync(TestApp app, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (app.NoticeMails.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
