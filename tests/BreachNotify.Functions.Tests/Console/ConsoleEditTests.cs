using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>Editing the notices' text from the console, refusals, approving with the edited text, and the per-recipient preview.</summary>
public sealed class ConsoleEditTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EditForm_StoresTheEdit_RefusesWithoutTokenOrOverLong_AndApproveSendsTheEditedText()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var (page, html) = await client.GetAsync($"/console/incidents/{incidentId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<form method=\"post\" action=\"/console/incidents/{incidentId}/edits\" class=\"notice-edits\"><input type=\"hidden\" name=\"__RequestVerificationToken\"", html);
        var form = Html.Parse(html);
        foreach (var field in new[] { "customer.nature", "customer.description", "customer.consequences", "customer.measures", "customer.message", "subprocessor.description", "subprocessor.request", "subprocessor.message" })
        {
            var id = "edit-" + field.Replace('.', '-');
            var box = form.GetElementById(id);
            Assert.True(box is not null, $"no #{id}");
            Assert.Equal("TEXTAREA", box.TagName);
            Assert.Equal(field, box.GetAttribute("name"));
            Assert.Equal("4000", box.GetAttribute("maxlength"));
            Assert.False(string.IsNullOrWhiteSpace(form.QuerySelector($"label[for='{id}']")?.TextContent), $"no label for #{id}");
        }

        var edits = $"/console/incidents/{incidentId}/edits";

        // Without the antiforgery token: refused, nothing stored.
        var (stale, _) = await client.PostFormAsync(edits, [new("customer.measures", "forged text")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);

        // Over-long: 400 naming the field, nothing stored.
        var (tooLong, tooLongHtml) = await client.PostFormAsync(edits, [new("customer.measures", "ok"), new("subprocessor.request", new string('x', 4001))]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("edits.subprocessor.request: at most 4000 characters", tooLongHtml);
        Assert.DoesNotContain(Timeline(await ConsoleClient.ApiReadAsync(app, incidentId)), t => t == "noticeEdited");

        // The form as a browser sends it: every field, CRLF line breaks; only the changed ones become edits.
        const string Measures = "All API keys were rotated <script>alert(1)</script> & logged.\r\nThe DPO calls you today.";
        var (saved, _) = await client.PostFormAsync(edits, [
            new("customer.nature", ""), new("customer.description", ""), new("customer.consequences", ""), new("customer.measures", Measures), new("customer.message", ""),
            new("subprocessor.description", ""), new("subprocessor.request", ""), new("subprocessor.message", "")]);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"/console/incidents/{incidentId}?decided=edited", saved.Headers.Location!.OriginalString);

        var view = await ConsoleClient.ApiReadAsync(app, incidentId);
        Assert.Equal("AwaitingDecision", view.GetProperty("status").GetString());
        var edited = view.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "noticeEdited");
        Assert.Equal("notice text edited: customer.measures", edited.GetProperty("detail").GetString());
        Assert.Equal("commander:ic-primary", edited.GetProperty("actor").GetString());
        var expected = Measures.Replace("\r\n", "\n", StringComparison.Ordinal);
        var preview = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}/notices/preview?recipient=customer:contoso:1"), ct);
        Assert.Contains(expected, (await preview.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("text").GetString());

        // Back on the incident page: the saved text, encoded, in the textarea; the same form again changes nothing.
        var (_, after) = await client.GetAsync(saved.Headers.Location.OriginalString);
        var afterPage = Html.Parse(after);
        Assert.Equal("The notices' text is saved. Approving sends it.", afterPage.QuerySelector("p.done[role=status]")?.TextContent);
        Assert.Equal(expected, afterPage.GetElementById("edit-customer-measures")?.TextContent);
        Assert.DoesNotContain("<script>alert", after);
        var (again, _) = await client.PostFormAsync(edits, [new("customer.measures", Measures), new("customer.message", "")]);
        Assert.Equal($"/console/incidents/{incidentId}?decided=noedit", again.Headers.Location!.OriginalString);
        Assert.Single(Timeline(await ConsoleClient.ApiReadAsync(app, incidentId)), t => t == "noticeEdited");

        // Approve from the console: the notices carry the edited text.
        await client.GetAsync($"/console/incidents/{incidentId}");
        var (approved, _) = await client.PostFormAsync($"/console/incidents/{incidentId}/decision", [new("decision", "approve")]);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var notices = await NoticesAsync(app, 3);
        Assert.Contains(expected, notices.Single(m => m.To == "soc@contoso.example").Text);
        Assert.Contains(expected, notices.Single(m => m.To == "privacy@contoso.example").Text);
        Assert.DoesNotContain("<script>", notices.Single(m => m.To == "soc@contoso.example").Html);

        // After approval: no edit form, and an edit is refused with 409.
        var (_, approvedHtml) = await client.GetAsync($"/console/incidents/{incidentId}");
        Assert.DoesNotContain("class=\"notice-edits\"", approvedHtml);
        var (late, _) = await client.PostFormAsync(edits, [new("customer.measures", "too late")]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Preview_ShowsSubjectTextAndSandboxedHtml_HostileTextOnlyEncoded_AndNeedsAKnownRecipient()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var (_, html) = await client.GetAsync($"/console/incidents/{incidentId}");
        foreach (var key in new[] { "customer:contoso:0", "customer:contoso:1", "subprocessor:cloud-host:0" })
        {
            Assert.Contains($"href=\"/console/incidents/{incidentId}/preview?recipient={Uri.EscapeDataString(key)}\"", html);
        }

        const string Hostile = "</textarea><script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        var (saved, _) = await client.PostFormAsync($"/console/incidents/{incidentId}/edits", [new("customer.message", Hostile)]);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);

        var (response, preview) = await client.GetAsync($"/console/incidents/{incidentId}/preview?recipient={Uri.EscapeDataString("customer:contoso:1")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("<script>alert", preview);
        Assert.DoesNotContain("<img src=x", preview);
        Assert.DoesNotContain("</textarea><script", preview);
        Assert.Contains(incidentId, ConsoleClient.TextOf(preview, "preview-subject"));
        Assert.Contains(Hostile, ConsoleClient.TextOf(preview, "preview-text"));
        Assert.Contains("soc@contoso.example", ConsoleClient.TextOf(preview, "preview-recipient"));

        // The HTML body: in a sandboxed frame, encoded into srcdoc (the notice itself encodes the text once more).
        var frame = Html.Parse(preview).GetElementById("preview-html");
        Assert.True(frame is { TagName: "IFRAME" }, preview);
        Assert.Equal("", frame.GetAttribute("sandbox"));
        var srcdoc = frame.GetAttribute("srcdoc") ?? "";
        Assert.StartsWith("<!doctype html>", srcdoc, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Hostile), srcdoc);
        Assert.DoesNotContain("<script>", srcdoc);

        var (unknown, unknownHtml) = await client.GetAsync($"/console/incidents/{incidentId}/preview?recipient=customer:nobody:0");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("customer:contoso:0", unknownHtml);
        var (missing, _) = await client.GetAsync($"/console/incidents/{incidentId}/preview");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var anonymous = new ConsoleClient(app);
        var (redirect, _) = await anonymous.GetAsync($"/console/incidents/{incidentId}/preview?recipient=customer:contoso:0");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/console/signin", redirect.Headers.Location!.OriginalString);
    }

    private static List<string?> Timeline(JsonElement view) => [.. view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString())];

    private static async Task<List<CapturedMail>> NoticesAsync(TestApp app, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var sent = app.Mail.Mails.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal)).ToList();
            if (sent.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(sent.Count == count, $"Expected {count} notices within {Wait}, captured {sent.Count}.");
                return sent;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
