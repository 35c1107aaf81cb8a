using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>Commanders' wording of the notices and a deployment's own templates, through the real app.</summary>
public sealed class NoticeEditTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ApproveWithEdits_SendsTheEditedText_PreviewShowsIt_AndTheTimelineRecordsTheEdit()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await IngestAsync(app);

        // An edit alone: the incident keeps waiting, the preview shows the new wording.
        var edit = await DecideAsync(app, incidentId, new { decision = "edit", edits = new { customer = new { measures = "All API keys were rotated <b>at once</b>." } } });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("AwaitingDecision", (await edit.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString());
        // customer:contoso:1 is soc@contoso.example (en-GB); contact 0 is the German one.
        var preview = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}/notices/preview?recipient=customer:contoso:1"), ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = await preview.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("en-GB", shown.GetProperty("locale").GetString());
        Assert.Contains("Measures taken or proposed: All API keys were rotated <b>at once</b>.", shown.GetProperty("text").GetString());
        Assert.Contains("All API keys were rotated &lt;b&gt;at once&lt;/b&gt;.", shown.GetProperty("html").GetString());
        Assert.Contains($"{app.Settings["PublicBaseUrl"]}/ack/preview", shown.GetProperty("html").GetString());
        Assert.Contains(incidentId, shown.GetProperty("subject").GetString());

        // Approve with more edits: applied first, in the same step.
        var approve = await DecideAsync(app, incidentId, new
        {
            decision = "approve",
            comment = "confirmed",
            edits = new { customer = new { message = "Our DPO will call you today." }, subprocessor = new { request = "Rotate every shared key by noon." } },
        });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var notices = (await app.Mail.WaitForMailsAsync(4, Wait)).Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal)).ToList();
        var soc = notices.Single(m => m.To == "soc@contoso.example");
        Assert.Contains("All API keys were rotated <b>at once</b>.", soc.Text);
        Assert.Contains("All API keys were rotated &lt;b&gt;at once&lt;/b&gt;.", soc.Html);
        Assert.Contains("Our DPO will call you today.", soc.Text);
        Assert.Contains("Our DPO will call you today.", soc.Html);
        Assert.DoesNotContain("Containment and investigation are under way", soc.Text);
        var sub = notices.Single(m => m.To == "secresponse@cloud-host.example");
        Assert.Contains("What we ask of you: Rotate every shared key by noon.", sub.Text);
        Assert.DoesNotContain("Our DPO", sub.Text);

        var incident = await EndToEndTests.ReadAsync(app, incidentId);
        var timeline = incident.GetProperty("timeline").EnumerateArray().ToList();
        var edits = timeline.Where(t => t.GetProperty("kind").GetString() == "noticeEdited").ToList();
        Assert.Equal(2, edits.Count);
        Assert.Equal("notice text edited: customer.message, subprocessor.request", edits[1].GetProperty("detail").GetString());
        Assert.Equal("commander:ic-primary", edits[1].GetProperty("actor").GetString());
        Assert.DoesNotContain(timeline, t => t.GetProperty("detail").GetString()!.Contains("rotated", StringComparison.Ordinal));
        var kinds = timeline.Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.True(kinds.LastIndexOf("noticeEdited") < kinds.IndexOf("approved"));

        // After approval the text can no longer change.
        var late = await DecideAsync(app, incidentId, new { decision = "edit", edits = new { customer = new { measures = "too late" } } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Edits_Invalid_Answer400NamingTheField_AndThePreviewNeedsAKnownRecipient()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await IngestAsync(app);

        var unknownField = await DecideAsync(app, incidentId, new { decision = "edit", edits = new { customer = new { measurez = "x" } } });
        var unknownAudience = await DecideAsync(app, incidentId, new { decision = "approve", edits = new { regulator = new { message = "x" } } });
        var tooLong = await DecideAsync(app, incidentId, new { decision = "edit", edits = new { subprocessor = new { request = new string('x', 4001) } } });
        var withReject = await DecideAsync(app, incidentId, new { decision = "reject", edits = new { customer = new { message = "x" } } });
        var editWithout = await DecideAsync(app, incidentId, new { decision = "edit" });
        var noRecipient = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}/notices/preview"), ct);
        var otherRecipient = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}/notices/preview?recipient=customer:globex:0"), ct);
        var anonymous = await app.Http.GetAsync($"/api/incidents/{incidentId}/notices/preview?recipient=customer:contoso:0", ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("edits.customer.measurez", await unknownField.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, unknownAudience.StatusCode);
        Assert.Contains("edits.regulator", await unknownAudience.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("edits.subprocessor.request", await tooLong.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, withReject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, editWithout.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRecipient.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRecipient.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("AwaitingDecision", (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeploymentTemplateFolder_ChangesTheSentText()
    {
        var folder = Directory.CreateTempSubdirectory("templates-").FullName;
        await File.WriteAllTextAsync(
            Path.Combine(folder, "customer.en.txt"),
            "Subject: Security notice {{incidentId}} from {{processorName}}\n\nHello {{partyName}}, this is our own wording.\nMeasures: {{measures}}\nAcknowledge here: {{ackUrl}}\n",
            TestContext.Current.CancellationToken);
        await using var app = await TestApp.StartAsync(azurite, s => s["Notices:TemplatesPath"] = folder);
        var incidentId = await IngestAsync(app);

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(app, incidentId, new { decision = "approve" })).StatusCode);

        var mails = await app.Mail.WaitForMailsAsync(4, Wait);
        var soc = mails.Single(m => m.To == "soc@contoso.example");
        Assert.Equal($"Security notice {incidentId} from Northwind Talent Cloud", soc.Subject);
        Assert.StartsWith("Hello Contoso", soc.Text);
        Assert.Contains("this is our own wording", soc.Text);
        Assert.Contains($"Acknowledge here: {app.Settings["PublicBaseUrl"]}/ack/", soc.Text);
        // The German contact and the sub-processor keep the built-in templates.
        Assert.StartsWith("Meldung", mails.Single(m => m.To == "privacy@contoso.example").Subject);
        Assert.Contains("What we ask of you", mails.Single(m => m.To == "secresponse@cloud-host.example").Text);
    }

    [Fact]
    public void TemplateWithUnknownPlaceholder_StopsTheAppAtStart_NamingTheSettingAndTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("templates-").FullName;
        var file = Path.Combine(folder, "reminder.de.txt");
        File.WriteAllText(file, "Subject: Erinnerung {{incidentId}}\n\nHallo {{customerSecret}} {{ackUrl}}\n");
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        settings["Notices:TemplatesPath"] = folder;

        var (result, problems) = StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path);

        Assert.Null(result);
        Assert.Contains(problems, p => p.StartsWith($"Notices:TemplatesPath: '{file}': unknown placeholder {{{{customerSecret}}}}", StringComparison.Ordinal));

        settings["Notices:TemplatesPath"] = Path.Combine(folder, "missing");
        Assert.Contains(
            $"Notices:TemplatesPath: folder '{Path.Combine(folder, "missing")}' does not exist",
            StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path).Problems);
    }

    private static async Task<string> IngestAsync(TestApp app)
    {
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>();
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, Wait); // the approval request
        return incidentId;
    }

    private static Task<HttpResponseMessage> DecideAsync(TestApp app, string incidentId, object body) =>
        app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", body));
}
