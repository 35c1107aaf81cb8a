using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Notices;

/// <summary>Commanders' wording in place of the generated text.</summary>
public sealed class NoticeEditsComposerTests
{
    private readonly NoticeComposer _composer = new(TestData.SampleDirectory, TestData.Templates);

    private static IncidentState Incident(NoticeEdits edits)
    {
        var decider = new IncidentDecider(TestData.SampleDirectory, TestData.Rules, WorkflowSettings.Default);
        var state = TestData.Classified(TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);
        var edit = decider.Decide(state, new CommanderDecision(DecisionKind.Edit, "ic-primary", null, Edits: edits), TestData.Now.AddMinutes(5));
        return edit.Events.Aggregate(state, (s, e) => s.Apply(e));
    }

    private static Recipient RecipientOf(IncidentState incident, string email) => RecipientList.Of(TestData.SampleDirectory, incident).Single(r => r.Email == email);

    [Fact]
    public void Compose_CustomerEdits_ReplaceTheGeneratedTextAndAddTheMessage()
    {
        var incident = Incident(new NoticeEdits
        {
            Customer = new CustomerNoticeEdits { Measures = "Credentials rotated at 10:00 UTC.", Consequences = "Low risk.", Message = "Call us any time.\nWe are here." },
        });

        var notice = _composer.Compose(incident, RecipientOf(incident, "soc@contoso.example"));

        Assert.Contains("Measures taken or proposed: Credentials rotated at 10:00 UTC.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Likely consequences: Low risk.", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Containment and investigation are under way", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Message from Northwind Talent Cloud:\nCall us any time.\nWe are here.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("<dd>Credentials rotated at 10:00 UTC.</dd>", notice.Html, StringComparison.Ordinal);
        Assert.Contains("<p>Call us any time.<br>We are here.</p>", notice.Html, StringComparison.Ordinal);
        // Art. 33(3) items the commander did not touch stay.
        Assert.Contains("Categories of personal data: contact details, employment records, performance reviews", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Nature of the breach: confidentiality", notice.Text, StringComparison.Ordinal);
        // The German contact of the same customer gets the same edited wording.
        Assert.Contains("Ergriffene Maßnahmen: Credentials rotated at 10:00 UTC.", _composer.Compose(incident, RecipientOf(incident, "privacy@contoso.example")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NoMessage_LeavesNoMessageParagraph()
    {
        var incident = Incident(new NoticeEdits { Customer = new CustomerNoticeEdits { Measures = "x" } });

        var notice = _composer.Compose(incident, RecipientOf(incident, "soc@contoso.example"));

        Assert.DoesNotContain("Message from", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Message from", notice.Html, StringComparison.Ordinal);
        Assert.Contains("Contact point: ic@ntc.example\n\nPlease acknowledge receipt", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SubprocessorEdits_ReplaceTheRequest_AndLeaveCustomerNoticesAlone()
    {
        var incident = Incident(new NoticeEdits { Subprocessor = new SubprocessorNoticeEdits { Request = "Rotate the storage keys today.", Message = "Ticket 4711." } });

        var sub = _composer.Compose(incident, RecipientOf(incident, "secresponse@cloud-host.example"));
        var customer = _composer.Compose(incident, RecipientOf(incident, "soc@contoso.example"));

        Assert.Contains("What we ask of you: Rotate the storage keys today.", sub.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("preserve logs", sub.Text, StringComparison.Ordinal);
        Assert.Contains("Ticket 4711.", sub.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ticket 4711.", customer.Text, StringComparison.Ordinal);
        Assert.Contains("Containment and investigation are under way", customer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_HostileEditText_IsEncodedInHtmlAndStrippedOfBidiAndControls_AndNeverInTheSubject()
    {
        var incident = Incident(new NoticeEdits
        {
            Customer = new CustomerNoticeEdits { Measures = "<script>alert(1)</script> rotated\u202Efdp.exe\u0007", Message = "<img src=x onerror=alert(2)>\u2066x\u2069" },
        });

        var notice = _composer.Compose(incident, RecipientOf(incident, "soc@contoso.example"));

        Assert.DoesNotContain("<script", notice.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", notice.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; rotatedfdp.exe", notice.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> rotatedfdp.exe", notice.Text, StringComparison.Ordinal);
        foreach (var body in new[] { notice.Text, notice.Html, notice.Subject })
        {
            Assert.DoesNotContain('\u202E', body);
            Assert.DoesNotContain('\u2066', body);
            Assert.DoesNotContain('\u0007', body);
        }

        Assert.DoesNotContain(notice.Html, char.IsControl);
        Assert.DoesNotContain("alert", notice.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeReminder_CarriesTheEditsAndTheLink_InTheContactsLanguage()
    {
        var incident = Incident(new NoticeEdits { Customer = new CustomerNoticeEdits { Measures = "Keys rotated." } });

        var english = _composer.ComposeReminder(incident, RecipientOf(incident, "soc@contoso.example"));
        var german = _composer.ComposeReminder(incident, RecipientOf(incident, "privacy@contoso.example"));
        var sub = _composer.ComposeReminder(incident, RecipientOf(incident, "secresponse@cloud-host.example"));

        Assert.StartsWith("Reminder: ", english.Subject, StringComparison.Ordinal);
        Assert.Contains("Measures taken or proposed: Keys rotated.", english.Text, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.AckUrlTag, english.Html, StringComparison.Ordinal);
        Assert.StartsWith("Erinnerung: ", german.Subject, StringComparison.Ordinal);
        Assert.Contains("What we ask of you: Contain the incident", sub.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Categories of personal data", sub.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeEscalation_AndApprovalRequest_UseTheCommandersLocale()
    {
        var incident = Incident(new NoticeEdits { Customer = new CustomerNoticeEdits { Measures = "x" } });

        var escalation = _composer.ComposeEscalation(incident, 2, 3, "https://ntc.example/i?a=1&b=2");
        var german = _composer.ComposeApprovalRequest(incident, 0, "https://ntc.example/i", "de");

        Assert.Equal($"Unacknowledged notices: incident {incident.Id}", escalation.Subject);
        Assert.Contains("2 recipients", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("after 3 reminders", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("a=1&amp;b=2", escalation.Html, StringComparison.Ordinal);
        Assert.Equal($"Entscheidung nötig: Vorfall {incident.Id}", german.Subject);
        Assert.Equal($"Decision needed: incident {incident.Id}", _composer.ComposeApprovalRequest(incident, 0, "https://ntc.example/i").Subject);
    }
}
