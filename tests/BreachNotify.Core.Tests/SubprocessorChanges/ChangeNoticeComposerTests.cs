using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.SubprocessorChanges;

public sealed class ChangeNoticeComposerTests
{
    private readonly SubprocessorChangeDecider _decider = new(TestData.SampleDirectory);
    private readonly ChangeNoticeComposer _composer = new(TestData.SampleDirectory, TestData.Templates);

    [Fact]
    public void Notice_OneRenderingForEveryCustomer_TheirNameAndObjectionDeadlineAsSubstitutions()
    {
        var approved = Approved(new ChangeBuilder().With(c => c with { Subprocessor = c.Subprocessor with { Name = "Relay -partyName- <b>Co</b>" } }));

        var shared = _composer.ComposeShared(NoticeTemplates.ChangeNotice, approved, "en-US");
        var woodgrove = shared.With(_composer.RecipientValues(NoticeTemplates.ChangeNotice, approved, "woodgrove", "Woodgrove <Bank>", "en-US"));
        var fabrikam = shared.With(_composer.RecipientValues(NoticeTemplates.ChangeNotice, approved, "fabrikam", "Fabrikam Inc.", "en-US"));

        Assert.Contains("To: Woodgrove <Bank>", woodgrove.Text, StringComparison.Ordinal);
        Assert.Contains("To Woodgrove &lt;Bank&gt;:", woodgrove.Html, StringComparison.Ordinal);
        Assert.Contains("You may object until: 30 Nov 2026 09:00 UTC", woodgrove.Text, StringComparison.Ordinal);
        Assert.Contains("You may object until: 5 Dec 2026 09:00 UTC", fabrikam.Text, StringComparison.Ordinal);
        // The sub-processor's name is the commander's text: it cannot pick up another recipient's value, and it is encoded.
        Assert.Contains("Sub-processor: Relay  <b>Co</b>", woodgrove.Text, StringComparison.Ordinal);
        Assert.Contains("Relay  &lt;b&gt;Co&lt;/b&gt;", woodgrove.Html, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.AckUrlTag, woodgrove.Text, StringComparison.Ordinal);
        Assert.Contains("Services concerned: Performance management platform", woodgrove.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_GermanLocale_GermanTemplateAndDates()
    {
        var approved = Approved(new ChangeBuilder());

        var notice = _composer.ComposeShared(NoticeTemplates.ChangeNotice, approved, "de-DE")
            .With(_composer.RecipientValues(NoticeTemplates.ChangeNotice, approved, "contoso", "Contoso GmbH", "de-DE"));

        Assert.StartsWith("Änderung der Unterauftragsverarbeiter", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("ein neuer Unterauftragsverarbeiter kommt hinzu", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Einspruch möglich bis: 20.12.2026 09:00 UTC", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectionReceipt_CarriesTheReasonAndTime()
    {
        var approved = Approved(new ChangeBuilder());

        var receipt = _composer.ComposeShared(NoticeTemplates.ChangeObjectionReceipt, approved, "en", "data must stay in the EU", TestData.Now.AddDays(2));

        Assert.Contains("Your reason: data must stay in the EU", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("objection of 22 Nov 2026 09:00 UTC", receipt.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("change-notice.en.txt", "Subject: Change {{reason}}\n\nBody {{ackUrl}}\n", "unknown placeholder {{reason}} in the subject")]
    [InlineData("change-reminder.en.txt", "Subject: Reminder {{changeId}}\n\nBody {{incidentId}}\n", "unknown placeholder {{incidentId}} in the text")]
    [InlineData("customer.en.txt", "Subject: Notice {{subprocessorName}}\n\nBody\n", "unknown placeholder {{subprocessorName}} in the subject")]
    public void Override_WithAPlaceholderItsKindDoesNotKnow_IsAProblemNamingIt(string name, string content, string problem)
    {
        var (templates, problems) = TestData.ParseTemplates([(name, content)]);

        Assert.Null(templates);
        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    private SubprocessorChangeState Approved(ChangeBuilder builder)
    {
        var state = SubprocessorChangeState.Empty("spc-1");
        foreach (var message in new SubprocessorChangeMessage[] { builder.Announce(), new DecideChange(ChangeDecisionKind.Approve, "ic-primary", null) })
        {
            var step = _decider.Decide(state, message, TestData.Now);
            Assert.Null(step.Refusal);
            state = step.Events.Aggregate(state, (s, e) => s.Apply(e));
        }

        return state;
    }
}
