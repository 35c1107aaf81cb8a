using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.MailCapture;
using BreachNotify.Parties;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Matters;

/// <summary>
/// Recipients frozen in rows of their own, against Azurite and the mail capture: the directory file changes in the middle of a
/// fan-out (one notice per send item; the first item sent by one app on the old directory, the others by a second app started on
/// the new one), and the people frozen at the start still get exactly one notice each, and no one the new directory adds gets one.
/// </summary>
public sealed class FrozenRecipientsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BreachIncident_WhoseDirectoryChangesBetweenSendBatches_NotifiesEachFrozenRecipientOnce_AndNoOneTheNewDirectoryAdds()
    {
        string incidentId, prefix;
        List<CapturedMail> before;
        await using (var first = await TestApp.StartAsync(azurite, s => OneNoticePerItem(s, workers: false)))
        {
            prefix = first.Prefix;
            incidentId = await ConsoleClient.PostFixtureAsync(first, "ocsf-detection-finding-exfil.json");
            await first.ClassifyByHandAsync(incidentId);
            using var approved = await first.Http.SendAsync(first.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), Ct);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

            // The fan-out's first step: it freezes the recipients, sends the first item itself and queues the others.
            await first.Services.GetRequiredService<NoticeFanOut>().RunAsync(new WorkItem(WorkItemKind.FanOut, incidentId), Ct);
            before = first.NoticeMails;
            var freeze = await first.Services.GetRequiredService<FrozenRecipientStore>().MarkOfAsync(incidentId, 0, Ct);
            Assert.Equal(3, freeze!.Count);
            Assert.Equal(DirectoryVersion.Of(first.Services.GetRequiredService<ProcessorDirectory>()), freeze.DirectoryVersion);
        }

        Assert.Equal(["privacy@contoso.example"], before.Select(m => m.To));
        var changed = ChangedDirectory(d =>
        {
            var contoso = Customer(d, "contoso");
            contoso["contacts"]![1]!["email"] = "new-soc@contoso.example";
            contoso["contacts"]!.AsArray().Add(JsonNode.Parse("""{"name":"Extra","email":"extra@contoso.example","role":"security","locale":"en-GB"}"""));
            d["subprocessors"]!.AsArray().Single(s => (string?)s!["id"] == "cloud-host")!["contacts"]![0]!["email"] = "new-sec@cloud-host.example";
        });

        await using var second = await TestApp.StartAsync(azurite, s =>
        {
            OneNoticePerItem(s, workers: true);
            s["Storage:Prefix"] = prefix;
            s["Directory:Path"] = changed;
        });
        await second.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), count: 2);
        await Task.Delay(1500, Ct);

        Assert.NotEqual(DirectoryVersion.Of(second.Services.GetRequiredService<ProcessorDirectory>()), (await second.Services.GetRequiredService<FrozenRecipientStore>().MarkOfAsync(incidentId, 0, Ct))!.DirectoryVersion);
        Assert.Equal(
            ["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"],
            before.Concat(second.NoticeMails).Select(m => m.To).Order(StringComparer.Ordinal));
        var read = await ConsoleClient.ApiReadAsync(second, incidentId);
        Assert.Equal(3, read.GetProperty("notices").GetArrayLength());
    }

    [Fact]
    public async Task SubprocessorChange_WhoseDirectoryChangesBetweenSendBatches_NotifiesEachFrozenRecipientOnce_AndNoOneTheNewDirectoryAdds()
    {
        var time = new FakeTimeProvider(Start);
        string id, prefix;
        List<CapturedMail> before;
        await using (var first = await TestApp.StartAsync(azurite, s => OneNoticePerItem(s, workers: false), time))
        {
            prefix = first.Prefix;
            id = await AnnounceAndApproveAsync(first);

            // The state keeps the count and the versions; the people are rows.
            var state = (await first.Services.GetRequiredService<SubprocessorChangeStore>().LoadAsync(id, Ct))!.State;
            Assert.Empty(state.Recipients);
            Assert.Equal(4, state.RecipientCount);
            Assert.Equal(DirectoryVersion.Of(first.Services.GetRequiredService<ProcessorDirectory>()), state.Frozen!.DirectoryVersion);
            Assert.Equal(4, (await first.Services.GetRequiredService<FrozenRecipientStore>().AllAsync(id, 0, state.Frozen, Ct)).Count);

            await first.Services.GetRequiredService<NoticeFanOut>().RunAsync(new WorkItem(WorkItemKind.FanOut, id, Matter: MatterKind.SubprocessorChange), Ct);
            before = first.NoticeMails;
        }

        Assert.Equal(["privacy@contoso.example"], before.Select(m => m.To));
        var changed = ChangedDirectory(d =>
        {
            Customer(d, "fabrikam")["contacts"]![0]!["email"] = "new-legal@fabrikam.example";
            var tailspin = Customer(d, "tailspin");
            tailspin["name"] = "Tailspin Renamed";
            tailspin["contacts"]!.AsArray().Add(JsonNode.Parse("""{"name":"Second","email":"second@tailspin.example","role":"privacy","locale":"en-US"}"""));
            Customer(d, "woodgrove")["contacts"]!.AsArray().Single(c => (string?)c!["email"] == "privacy@woodgrove.example")!["email"] = "new-privacy@woodgrove.example";
            var newcomer = JsonNode.Parse(Customer(d, "tailspin").ToJsonString())!;
            newcomer["id"] = "newcomer";
            newcomer["name"] = "Newcomer Ltd";
            newcomer["contacts"] = JsonNode.Parse("""[{"name":"New","email":"privacy@newcomer.example","role":"privacy","locale":"en-GB"}]""");
            d["customers"]!.AsArray().Add(newcomer);
        });

        await using var second = await TestApp.StartAsync(azurite, s =>
        {
            OneNoticePerItem(s, workers: true);
            s["Storage:Prefix"] = prefix;
            s["Directory:Path"] = changed;
        }, time);
        await second.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 3);
        await Task.Delay(1500, Ct);

        Assert.Equal(
            ["dpo@tailspin.example", "legal@fabrikam.example", "privacy@contoso.example", "privacy@woodgrove.example"],
            before.Concat(second.NoticeMails).Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains("To: Tailspin Toys", second.NoticeMails.Single(m => m.To == "dpo@tailspin.example").Text, StringComparison.Ordinal);
        using var read = await second.Http.SendAsync(second.AsCommander(HttpMethod.Get, $"/api/subprocessor-changes/{id}"), Ct);
        var view = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, view.GetProperty("recipients").GetArrayLength());
        Assert.Equal(4, view.GetProperty("notices").GetArrayLength());
    }

    [Fact]
    public async Task SubprocessorChange_ApprovedWithItsRecipientsInline_AsBeforeTheyHadRows_StillReadsAndSendsToThatList()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        using var announced = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/subprocessor-changes", new
        {
            kind = "add",
            subprocessor = new { id = "example-relay", name = "Example Relay", entity = "Example Relay Ltd", purpose = "Transactional email", location = "IE" },
            services = new[] { "core-platform" },
            effectiveAt = Start.AddDays(60),
        }), Ct);
        var id = (await announced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
        var stored = (await store.LoadAsync(id, Ct))!;
        var windows = stored.State.Windows.Select(w => w.SentAt(Start)).ToList();
        // An approval as recorded before recipients had rows: the list inside the event (and so the state), no freeze.
        var legacy = new BreachNotify.SubprocessorChanges.ChangeApproved(Start, "commander:ic-primary", null, windows,
        [
            new("woodgrove", "Privacy", "old-privacy@woodgrove.example", "en-GB", Start.AddDays(1), "Woodgrove Bank"),
            new("woodgrove", "Second", "second@woodgrove.example", "en-GB", Start.AddDays(1), "Woodgrove Bank"),
        ]);
        Assert.True(await store.CommitAsync(stored, stored.State.Apply(legacy), [legacy], Ct));

        await app.Services.GetRequiredService<NoticeFanOut>().RunAsync(new WorkItem(WorkItemKind.FanOut, id, Matter: MatterKind.SubprocessorChange), Ct);

        var state = (await store.LoadAsync(id, Ct))!.State;
        Assert.Null(state.Frozen);
        Assert.Equal(2, state.RecipientCount);
        Assert.Equal(["old-privacy@woodgrove.example", "second@woodgrove.example"], app.NoticeMails.Select(m => m.To).Order(StringComparer.Ordinal));
        using var read = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/subprocessor-changes/{id}"), Ct);
        var view = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["customer:woodgrove:0", "customer:woodgrove:1"], view.GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("recipientId").GetString()));
    }

    /// <summary>One notice per send work item, so a fan-out of a few recipients has several items to fall between.</summary>
    private static void OneNoticePerItem(Dictionary<string, string?> settings, bool workers)
    {
        settings["Workflow:FanOutBatchSize"] = "1";
        settings["Workflow:SendBatchSize"] = "1";
        settings["Workflow:RunWorkers"] = workers ? "true" : "false";
    }

    private static string ChangedDirectory(Action<JsonNode> change)
    {
        var directory = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("samples", "directory.sample.json")))!;
        change(directory);
        var path = Path.Combine(Path.GetTempPath(), $"directory-changed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, directory.ToJsonString());
        return path;
    }

    private static JsonNode Customer(JsonNode directory, string id) => directory["customers"]!.AsArray().Single(c => (string?)c!["id"] == id)!;

    private static async Task<string> AnnounceAndApproveAsync(TestApp app)
    {
        var change = new
        {
            kind = "add",
            subprocessor = new { id = "example-relay", name = "Example Relay", entity = "Example Relay Ltd", purpose = "Transactional email", location = "IE" },
            services = new[] { "core-platform" },
            effectiveAt = Start.AddDays(60),
        };
        using var announced = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/subprocessor-changes", change), Ct);
        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        var id = (await announced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        using var approved = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/subprocessor-changes/{id}/decision", new { decision = "approve" }), Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return id;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
