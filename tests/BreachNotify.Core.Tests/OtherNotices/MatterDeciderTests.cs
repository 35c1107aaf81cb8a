using BreachNotify.OtherNotices;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.OtherNotices;

public sealed class MatterDeciderTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private readonly MatterDecider _decider = new(TestData.SampleDirectory);

    [Fact]
    public void Receive_LawEnforcementRequest_IsDueWithinTheDefault24Hours()
    {
        var state = Received(new MatterBuilder().For("fabrikam", "tailspin"));

        Assert.Equal(MatterStatus.AwaitingDecision, state.Status);
        Assert.Equal([("fabrikam", Now.AddHours(24)), ("tailspin", Now.AddHours(24))], state.Customers.Select(c => (c.CustomerId, c.DueAt)));
    }

    [Fact]
    public void Receive_DataSubjectRequest_FindsEveryCustomerHoldingTheEmailDomain_EachWithItsForwardClock()
    {
        var state = Received(new MatterBuilder().Subject("Jane.Doe@Shared-Talent.example").ReceivedAt(Now.AddHours(-2)));

        // Contoso: the processor's 48 hours; Woodgrove's contract says 24; both counted from receipt two hours ago.
        Assert.Equal([("contoso", Now.AddHours(46)), ("woodgrove", Now.AddHours(22))], state.Customers.Select(c => (c.CustomerId, c.DueAt)));
    }

    [Fact]
    public void Receive_DataSubjectRequest_JoinsTheLookedUpCustomersWithTheDomainMatch_LeavingOutIdsTheDirectoryLacks()
    {
        var matter = new MatterBuilder().Subject("jane@shared-talent.example").Build();

        var step = _decider.Decide(null, new ReceiveMatter(matter, "ic-primary", ["tailspin", "contoso", "gone-customer"]), Now);
        var userId = _decider.Decide(null, new ReceiveMatter(new MatterBuilder().Subject("user-4711").Build(), "ic-primary", ["fabrikam"]), Now);
        var nobody = _decider.Decide(null, new ReceiveMatter(new MatterBuilder().Subject("user-4711").Build(), "ic-primary", []), Now);

        Assert.Equal(["contoso", "tailspin", "woodgrove"], Assert.IsType<MatterReceived>(Assert.Single(step.Events)).Customers.Select(c => c.CustomerId).Order());
        Assert.Equal(["fabrikam"], Assert.IsType<MatterReceived>(Assert.Single(userId.Events)).Customers.Select(c => c.CustomerId));
        Assert.Equal("subjectIdentifier", nobody.Refusal!.Field);
        Assert.Contains("subject lookup", nobody.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_DataSubjectRequestWhoseDomainNoCustomerHolds_IsRefusedNamingTheSubjectIdentifier()
    {
        var step = _decider.Decide(null, new ReceiveMatter(new MatterBuilder().Subject("someone@nowhere.example").Build(), "ic-primary"), Now);

        Assert.Equal(MatterRefusalKind.Invalid, step.Refusal!.Kind);
        Assert.Equal("subjectIdentifier", step.Refusal.Field);
    }

    [Fact]
    public void Receive_UserIdAsSubject_NeedsTheCustomersNamed()
    {
        var refused = _decider.Decide(null, new ReceiveMatter(new MatterBuilder().Subject("user-4711").Build(), "ic-primary"), Now);
        var named = Received(new MatterBuilder().Subject("user-4711").With(m => m with { Customers = ["tailspin"] }));

        Assert.Equal("subjectIdentifier", refused.Refusal!.Field);
        Assert.Equal(["tailspin"], named.Customers.Select(c => c.CustomerId));
        Assert.Equal(Now.AddHours(48), named.Customers[0].DueAt);
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("summary")]
    [InlineData("receivedAt")]
    [InlineData("subjectIdentifier")]
    [InlineData("legalProhibition.basis")]
    [InlineData("legalProhibition.until")]
    [InlineData("legalProhibition.reviewAt")]
    public void Receive_BadInput_IsRefusedNamingTheField(string field)
    {
        var builder = field switch
        {
            "customers" => new MatterBuilder().For("no-such-customer"),
            "summary" => new MatterBuilder().With(m => m with { Summary = "  " }),
            "receivedAt" => new MatterBuilder().ReceivedAt(Now.AddHours(1)),
            "subjectIdentifier" => new MatterBuilder().With(m => m with { SubjectIdentifier = "a@b.example" }),
            "legalProhibition.basis" => new MatterBuilder().Prohibited(null, basis: ""),
            "legalProhibition.until" => new MatterBuilder().Prohibited(Now.AddDays(-1)),
            _ => new MatterBuilder().Prohibited(Now.AddDays(10), Now.AddDays(20)),
        };

        var step = _decider.Decide(null, new ReceiveMatter(builder.Build(), "ic-primary"), Now);

        Assert.Equal(field, step.Refusal!.Field);
        Assert.Empty(step.Events);
    }

    [Fact]
    public void Receive_RequiredProcessingStartingSooner_IsDueBeforeItStarts()
    {
        var state = Received(new MatterBuilder().OfKind(OtherNoticeKind.RequiredProcessing).RespondBy(Now.AddHours(6)));

        Assert.Equal(Now.AddHours(6), state.Customers.Single().DueAt);
    }

    [Fact]
    public void Approve_FreezesThePrivacyContacts_ForADataSubjectRequestTheRoleNamedForIt()
    {
        var state = Approve(Received(new MatterBuilder().For("woodgrove", "contoso")));

        // Woodgrove: its privacy contact only (not the CISO); Contoso: its privacy contact.
        Assert.Equal(["privacy@woodgrove.example", "privacy@contoso.example"], state.Recipients.Select(r => r.Email));
        Assert.True(state.Sending);
    }

    [Fact]
    public void Approve_UnderAProhibition_IsHeld_NothingIsDue_UntilItEnds()
    {
        var until = Now.AddDays(30);
        var approved = Approve(Received(new MatterBuilder().Prohibited(until)));

        Assert.Equal(MatterStatus.Approved, approved.Status);
        Assert.False(approved.Sending);
        Assert.True(Step(approved, new CheckProhibition(), until.AddSeconds(-1)).IsNothing);

        var ended = Apply(approved, Step(approved, new CheckProhibition(), until));

        Assert.True(ended.Sending);
        Assert.Equal(until, ended.ProhibitionLiftedAt);
        Assert.True(Step(ended, new CheckProhibition(), until.AddDays(1)).IsNothing);
    }

    [Fact]
    public void LiftProhibition_ByACommander_ReleasesAnApprovedMatter_AndASecondLiftDoesNothing()
    {
        var approved = Approve(Received(new MatterBuilder().Prohibited(null)));

        var lifted = Apply(approved, Step(approved, new DecideMatter(MatterDecisionKind.LiftProhibition, "ic-primary", "order vacated"), Now.AddDays(3)));

        Assert.True(lifted.Sending);
        Assert.Equal(Now.AddDays(3), lifted.ProhibitionLiftedAt);
        Assert.True(Step(lifted, new DecideMatter(MatterDecisionKind.LiftProhibition, "ic-primary", null), Now.AddDays(4)).IsNothing);
    }

    [Fact]
    public void LiftProhibition_OnAMatterWithoutOne_IsAConflict()
    {
        var step = Step(Received(new MatterBuilder()), new DecideMatter(MatterDecisionKind.LiftProhibition, "ic-primary", null), Now);

        Assert.Equal(MatterRefusalKind.Conflict, step.Refusal!.Kind);
    }

    [Fact]
    public void ReviewDate_RemindsTheCommandersOnce_AndTheProhibitionStillHolds()
    {
        var approved = Approve(Received(new MatterBuilder().Prohibited(Now.AddDays(90), Now.AddDays(30))));
        Assert.Equal(Now.AddDays(30), MatterDecider.NextCheckAt(approved));

        var step = Step(approved, new CheckProhibition(), Now.AddDays(30));
        var reviewed = Apply(approved, step);

        Assert.Equal(Now.AddDays(30), Assert.IsType<ProhibitionReviewDue>(Assert.Single(step.Events)).ReviewAt);
        Assert.False(reviewed.Sending);
        Assert.True(Step(reviewed, new CheckProhibition(), Now.AddDays(31)).IsNothing);
        Assert.Equal(Now.AddDays(90), MatterDecider.NextCheckAt(reviewed));
    }

    [Fact]
    public void SetReview_AfterTheFirstReminder_OwesASecondReminderAtTheNewDate_Once()
    {
        var approved = Approve(Received(new MatterBuilder().Prohibited(Now.AddDays(90), Now.AddDays(30))));
        var reviewed = Apply(approved, Step(approved, new CheckProhibition(), Now.AddDays(30)));
        var mailed = Apply(reviewed, Step(reviewed, new RecordReviewMailed(1), Now.AddDays(30)));

        var set = Step(mailed, new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", "order still in force", Now.AddDays(60)), Now.AddDays(31));
        var rescheduled = Apply(mailed, set);

        var e = Assert.IsType<ProhibitionReviewRescheduled>(Assert.Single(set.Events));
        Assert.Equal(("commander:ic-primary", Now.AddDays(60)), (e.Actor, e.ReviewAt));
        Assert.Equal(Now.AddDays(60), rescheduled.ReviewAt);
        Assert.False(rescheduled.ReviewReminded);
        Assert.False(rescheduled.ReviewMailed);
        Assert.Equal(Now.AddDays(60), MatterDecider.NextCheckAt(rescheduled));
        Assert.True(Step(rescheduled, new CheckProhibition(), Now.AddDays(60).AddSeconds(-1)).IsNothing);
        // A stale mail record of the first reminder does not count for the second.
        Assert.True(Step(rescheduled, new RecordReviewMailed(1), Now.AddDays(32)).IsNothing);

        var second = Step(rescheduled, new CheckProhibition(), Now.AddDays(60));
        var remindedAgain = Apply(rescheduled, second);

        Assert.Equal(Now.AddDays(60), Assert.IsType<ProhibitionReviewDue>(Assert.Single(second.Events)).ReviewAt);
        Assert.True(Step(remindedAgain, new CheckProhibition(), Now.AddDays(61)).IsNothing);
        Assert.Equal(Now.AddDays(90), MatterDecider.NextCheckAt(remindedAgain));
        Assert.False(remindedAgain.Sending);
    }

    [Fact]
    public void SetReview_BeforeTheFirstReminder_MovesIt_AndTheSameDateAgainDoesNothing()
    {
        var held = Received(new MatterBuilder().Prohibited(null, Now.AddDays(30)));

        var moved = Apply(held, Step(held, new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, Now.AddDays(10)), Now.AddDays(1)));

        Assert.Equal(Now.AddDays(10), MatterDecider.NextCheckAt(moved));
        Assert.True(Step(moved, new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, Now.AddDays(10)), Now.AddDays(2)).IsNothing);
        Assert.Equal(Now.AddDays(10), Assert.IsType<ProhibitionReviewDue>(Assert.Single(Step(moved, new CheckProhibition(), Now.AddDays(10)).Events)).ReviewAt);
    }

    [Theory]
    [InlineData("past")]
    [InlineData("now")]
    [InlineData("atTheEnd")]
    [InlineData("afterTheEnd")]
    [InlineData("missing")]
    [InlineData("onApprove")]
    public void SetReview_BadDate_IsRefusedNamingReviewAt(string which)
    {
        var held = Approve(Received(new MatterBuilder().Prohibited(Now.AddDays(90), Now.AddDays(30))));
        var at = Now.AddDays(5);
        var message = which switch
        {
            "past" => new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, at.AddDays(-1)),
            "now" => new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, at),
            "atTheEnd" => new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, Now.AddDays(90)),
            "afterTheEnd" => new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, Now.AddDays(100)),
            "missing" => new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null),
            _ => new DecideMatter(MatterDecisionKind.Approve, "ic-primary", null, Now.AddDays(40)),
        };

        var step = Step(held, message, at);

        Assert.Equal((MatterRefusalKind.Invalid, "reviewAt"), (step.Refusal!.Kind, step.Refusal.Field));
        Assert.Empty(step.Events);
    }

    [Fact]
    public void SetReview_WithoutAProhibitionInForce_IsAConflict()
    {
        var plain = Received(new MatterBuilder());
        var held = Approve(Received(new MatterBuilder().Prohibited(null)));
        var lifted = Apply(held, Step(held, new DecideMatter(MatterDecisionKind.LiftProhibition, "ic-primary", null), Now.AddDays(1)));
        var setReview = new DecideMatter(MatterDecisionKind.SetReview, "ic-primary", null, Now.AddDays(20));

        Assert.Equal(MatterRefusalKind.Conflict, Step(plain, setReview, Now.AddDays(2)).Refusal!.Kind);
        Assert.Equal(MatterRefusalKind.Conflict, Step(lifted, setReview, Now.AddDays(2)).Refusal!.Kind);
    }

    [Fact]
    public void ReviewRescheduled_RoundTripsThroughTheHistoryJson()
    {
        MatterEvent e = new ProhibitionReviewRescheduled(Now, "commander:ic-primary", Now.AddDays(60), "still sealed");

        var json = System.Text.Json.JsonSerializer.Serialize(e, DomainJson.Options);

        Assert.Contains("\"event\":\"prohibitionReviewRescheduled\"", json, StringComparison.Ordinal);
        Assert.Equal(e, System.Text.Json.JsonSerializer.Deserialize<MatterEvent>(json, DomainJson.Options));
    }

    [Fact]
    public void WaiverEffort_IsOnTheTimeline_WhileTheProhibitionHolds_AndRefusedAfter()
    {
        var held = Received(new MatterBuilder().Prohibited(null));

        var step = Step(held, new RecordWaiverEffort("ic-primary", "Asked the court to allow notice"), Now.AddDays(1));
        var lifted = Apply(held, Step(held, new DecideMatter(MatterDecisionKind.LiftProhibition, "ic-primary", null), Now.AddDays(2)));

        Assert.Equal("waiver effort: Asked the court to allow notice", Assert.Single(step.Events).Describe());
        Assert.Equal(MatterRefusalKind.Conflict, Step(lifted, new RecordWaiverEffort("ic-primary", "again"), Now.AddDays(3)).Refusal!.Kind);
    }

    [Fact]
    public void Acknowledgement_OfADataSubjectRequest_IsReceivedByTheDpo_AndTheFirstStands()
    {
        var sending = Approve(Received(new MatterBuilder().Subject("jane@fabrikam.example")));

        var first = Apply(sending, Step(sending, new RecordMatterAcknowledgement("fabrikam", "contact:Fay"), Now.AddHours(1)));

        Assert.Equal(AcknowledgementBasis.ReceivedByDpo, first.AcknowledgementOf("fabrikam")!.Basis);
        Assert.True(Step(first, new RecordMatterAcknowledgement("fabrikam", "contact:Other"), Now.AddHours(2)).IsNothing);
    }

    [Fact]
    public void Acknowledgement_OfAMatterFrozenInRows_IsCheckedAgainstItsCustomers_NotAnInlineList()
    {
        var received = Received(new MatterBuilder().Subject("jane@fabrikam.example"));
        var approval = Assert.IsType<MatterApproved>(Assert.Single(Step(received, new DecideMatter(MatterDecisionKind.Approve, "ic-primary", null), Now).Events));
        var frozen = received.Apply(approval with { Recipients = [], Frozen = new BreachNotify.Notices.RecipientFreeze(approval.Recipients.Count, "0123456789abcdef") });

        Assert.Empty(frozen.Recipients);
        Assert.Equal(approval.Recipients.Count, frozen.RecipientCount);
        Assert.Single(Step(frozen, new RecordMatterAcknowledgement("fabrikam", "contact:Fay"), Now.AddHours(1)).Events);
        Assert.Equal(MatterRefusalKind.NotFound, Step(frozen, new RecordMatterAcknowledgement("contoso", "contact:Eve"), Now.AddHours(1)).Refusal!.Kind);
    }

    [Fact]
    public void Reject_AfterApproval_IsAConflict_AndApproveTwiceDoesNothing()
    {
        var approved = Approve(Received(new MatterBuilder()));

        Assert.True(Step(approved, new DecideMatter(MatterDecisionKind.Approve, "ic-primary", null), Now).IsNothing);
        Assert.Equal(MatterRefusalKind.Conflict, Step(approved, new DecideMatter(MatterDecisionKind.Reject, "ic-primary", null), Now).Refusal!.Kind);
    }

    [Fact]
    public void SubjectAnswerDue_IsOneMonthFromTheSubjectsRequest_ExtendableByTwo()
    {
        var matter = new MatterBuilder().Subject("jane@fabrikam.example").With(m => m with { SubjectRequestedAt = new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero) }).Build();

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), MatterClock.SubjectAnswerDue(matter));
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 10, 0, 0, TimeSpan.Zero), MatterClock.SubjectAnswerDueExtended(matter));
    }

    private MatterState Received(MatterBuilder builder)
    {
        var step = _decider.Decide(null, new ReceiveMatter(builder.Build(), "ic-primary"), Now);
        Assert.Null(step.Refusal);
        return Apply(MatterState.Empty("mtr-test"), step);
    }

    private MatterState Approve(MatterState state) => Apply(state, Step(state, new DecideMatter(MatterDecisionKind.Approve, "ic-primary", null), Now));

    private MatterStep Step(MatterState state, MatterMessage message, DateTimeOffset at) => _decider.Decide(state, message, at);

    private static MatterState Apply(MatterState state, MatterStep step)
    {
        Assert.Null(step.Refusal);
        return step.Events.Aggregate(state, (s, e) => s.Apply(e));
    }
}
