using BreachNotify.Parties;
using BreachNotify.SubprocessorChanges;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.SubprocessorChanges;

public sealed class SubprocessorChangeDeciderTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private readonly SubprocessorChangeDecider _decider = new(TestData.SampleDirectory);

    [Fact]
    public void Announce_CoreService_ConcernsEveryCustomerUsingIt()
    {
        var announced = Announced(new ChangeBuilder());

        Assert.Equal(["contoso", "fabrikam", "tailspin", "woodgrove"], announced.Windows.Select(w => w.CustomerId));
        Assert.Equal(ChangeStatus.AwaitingDecision, announced.Status);
    }

    [Fact]
    public void Announce_OptInService_ConcernsOnlyCustomersWhoOptedIn()
    {
        var announced = Announced(new ChangeBuilder().ForServices("ai-coach"));

        Assert.Equal(["fabrikam", "woodgrove"], announced.Windows.Select(w => w.CustomerId));
    }

    [Fact]
    public void Announce_WithRegions_NarrowsToCustomersInThem()
    {
        var announced = Announced(new ChangeBuilder().InRegions("EU"));

        Assert.Equal(["contoso"], announced.Windows.Select(w => w.CustomerId));
    }

    [Fact]
    public void Announce_Windows_UseContractDaysElseProcessorDefaults()
    {
        var announced = Announced(new ChangeBuilder());
        var effectiveAt = Now.AddDays(60);

        var contoso = announced.Window("contoso")!;
        Assert.Equal(effectiveAt.AddDays(-30), contoso.NoticeSentBy);
        Assert.Equal(Now.AddDays(30), contoso.ObjectByAt);
        var woodgrove = announced.Window("woodgrove")!;
        Assert.Equal(effectiveAt.AddDays(-15), woodgrove.NoticeSentBy);
        Assert.Equal(Now.AddDays(10), woodgrove.ObjectByAt);
        var tailspin = announced.Window("tailspin")!;
        Assert.Equal(15, tailspin.NoticeDays);
        Assert.Equal(15, tailspin.ObjectionDays);
    }

    [Fact]
    public void Announce_EffectiveTooSoonForSomeCustomer_RefusesWithEarliestTimeAndThoseCustomers()
    {
        var step = _decider.Decide(null, new ChangeBuilder().EffectiveIn(20).Announce(), Now);

        Assert.Empty(step.Events);
        var refusal = Assert.IsType<ChangeRefusal>(step.Refusal);
        Assert.Equal(RefusalKind.TooLittleNotice, refusal.Kind);
        Assert.Equal(Now.AddDays(30), refusal.EarliestEffectiveAt);
        Assert.Equal(["contoso"], refusal.Customers);
    }

    [Fact]
    public void Announce_EffectiveExactlyAtTheLongestNotice_IsAccepted()
    {
        var step = _decider.Decide(null, new ChangeBuilder().EffectiveIn(30).Announce(), Now);

        Assert.Null(step.Refusal);
        Assert.Single(step.Events);
    }

    [Theory]
    [InlineData("services", "nope")]
    [InlineData("subprocessor.entity", null)]
    public void Announce_BadInput_RefusesNamingTheField(string field, string? value)
    {
        var builder = field == "services"
            ? new ChangeBuilder().ForServices(value!)
            : new ChangeBuilder().With(c => c with { Subprocessor = c.Subprocessor with { Entity = value } });

        var refusal = _decider.Decide(null, builder.Announce(), Now).Refusal;

        Assert.Equal(RefusalKind.Invalid, refusal?.Kind);
        Assert.Equal(field, refusal?.Field);
    }

    [Fact]
    public void Announce_ReplaceWithoutReplaces_RefusesNamingReplaces()
    {
        var refusal = _decider.Decide(null, new ChangeBuilder().With(c => c with { Kind = ChangeKind.Replace }).Announce(), Now).Refusal;

        Assert.Equal("replaces", refusal?.Field);
    }

    [Fact]
    public void Announce_RegionNobodyIsIn_RefusesNamingRegions()
    {
        var refusal = _decider.Decide(null, new ChangeBuilder().InRegions("APAC").Announce(), Now).Refusal;

        Assert.Equal("regions", refusal?.Field);
    }

    [Fact]
    public void Announce_Twice_YieldsNothingTheSecondTime()
    {
        var state = Announced(new ChangeBuilder());

        Assert.True(_decider.Decide(state, new ChangeBuilder().Announce(), Now).IsNothing);
    }

    [Fact]
    public void Approve_FreezesRecipientsWithContactLocaleAndDueTime()
    {
        var approved = Approved(new ChangeBuilder(), Now.AddDays(1));

        Assert.Equal(ChangeStatus.Approved, approved.Status);
        Assert.Equal("commander:ic-primary", approved.DecidedBy);
        var contoso = Assert.Single(approved.Recipients, r => r.CustomerId == "contoso");
        Assert.Equal("privacy@contoso.example", contoso.Email);
        Assert.Equal("de-DE", contoso.Locale);
        Assert.Equal(Now.AddDays(30), contoso.DueAt);
        Assert.Equal(["privacy@woodgrove.example"], approved.Recipients.Where(r => r.CustomerId == "woodgrove").Select(r => r.Email));
        Assert.Equal(4, approved.RecipientCount);
    }

    [Fact]
    public void Approve_CountsObjectionWindowsFromApproval()
    {
        var approved = Approved(new ChangeBuilder(), Now.AddDays(2));

        Assert.Equal(Now.AddDays(2 + 10), approved.Window("woodgrove")!.ObjectByAt);
    }

    [Fact]
    public void Approve_TooLateForTheNoticeTheContractGives_RefusesWithEarliestTime()
    {
        var announced = Announced(new ChangeBuilder().EffectiveIn(31));

        var refusal = _decider.Decide(announced, Decision(ChangeDecisionKind.Approve), Now.AddDays(2)).Refusal;

        Assert.Equal(RefusalKind.TooLittleNotice, refusal?.Kind);
        Assert.Equal(Now.AddDays(32), refusal?.EarliestEffectiveAt);
        Assert.Equal(["contoso"], refusal?.Customers);
    }

    [Fact]
    public void Approve_Twice_YieldsNothingTheSecondTime()
    {
        var approved = Approved(new ChangeBuilder(), Now);

        Assert.True(_decider.Decide(approved, Decision(ChangeDecisionKind.Approve), Now).IsNothing);
    }

    [Fact]
    public void Reject_AfterApproval_IsRefusedAsConflict()
    {
        var approved = Approved(new ChangeBuilder(), Now);

        Assert.Equal(RefusalKind.Conflict, _decider.Decide(approved, Decision(ChangeDecisionKind.Reject), Now).Refusal?.Kind);
    }

    [Fact]
    public void Withdraw_AfterApproval_OwesWithdrawalNotices()
    {
        var withdrawn = Fold(Approved(new ChangeBuilder(), Now), Decision(ChangeDecisionKind.Withdraw), Now.AddDays(1));

        Assert.Equal(ChangeStatus.Withdrawn, withdrawn.Status);
        Assert.True(withdrawn.WithdrawalNoticesOwed);
    }

    [Fact]
    public void Withdraw_BeforeApproval_OwesNothing()
    {
        var withdrawn = Fold(Announced(new ChangeBuilder()), Decision(ChangeDecisionKind.Withdraw), Now);

        Assert.Equal(ChangeStatus.Withdrawn, withdrawn.Status);
        Assert.False(withdrawn.WithdrawalNoticesOwed);
    }

    [Fact]
    public void Decide_UnknownChange_IsRefusedAsNotFound()
    {
        Assert.Equal(RefusalKind.NotFound, _decider.Decide(null, Decision(ChangeDecisionKind.Approve), Now).Refusal?.Kind);
    }

    [Fact]
    public void Objection_WithinWindow_IsRecordedWithCureDeadline30DaysAfterIt()
    {
        var objected = Fold(Approved(new ChangeBuilder(), Now), new RecordObjection("woodgrove", "contact:privacy", "data leaves the EU"), Now.AddDays(10));

        var objection = Assert.Single(objected.Objections);
        Assert.Equal("woodgrove", objection.CustomerId);
        Assert.Equal(Now.AddDays(40), objection.CureDeadline);
    }

    [Fact]
    public void Objection_CureDeadline_UsesTheProcessorsCureDaysFromTheDirectory()
    {
        var directory = new DirectoryBuilder().WithProcessor(p => p with { DefaultCureDays = 45 }).WithCustomer("acme").Build();
        var decider = new SubprocessorChangeDecider(directory);
        var change = new ChangeBuilder().ForServices("core").EffectiveIn(20).Build();
        var state = Apply(null, decider.Decide(null, new AnnounceChange(change, "ic"), Now));
        state = Apply(state, decider.Decide(state, Decision(ChangeDecisionKind.Approve), Now));

        var objected = Apply(state, decider.Decide(state, new RecordObjection("acme", "contact:x", "no"), Now.AddDays(2)));

        Assert.Equal(Now.AddDays(47), objected.ObjectionOf("acme")?.CureDeadline);
    }

    [Fact]
    public void CureClock_RemindsWeeklyWhileTheObjectionWaits_OnceARound_ThenEndsAtItsDeadline()
    {
        // Objection on day 1: cure deadline day 31; reminders fall on days 8, 15, 22 and 29.
        var objected = Fold(Approved(new ChangeBuilder(), Now), new RecordObjection("fabrikam", "contact:legal", "no"), Now.AddDays(1));

        Assert.Empty(CureEvents(objected, Now.AddDays(8).AddMinutes(-1)));
        var first = Assert.IsType<CureReminderDue>(Assert.Single(CureEvents(objected, Now.AddDays(8))));
        Assert.Equal((1, "fabrikam", Now.AddDays(31)), (first.Round, first.CustomerId, first.CureDeadline));
        var reminded = Clocks(objected, Now.AddDays(8));
        Assert.Empty(CureEvents(reminded, Now.AddDays(9)));
        Assert.Equal(Now.AddDays(15), reminded.NextClockAt());

        // A sweep that comes late sends one reminder, of the latest round.
        var late = Assert.IsType<CureReminderDue>(Assert.Single(CureEvents(reminded, Now.AddDays(23))));
        Assert.Equal(3, late.Round);

        var ended = Assert.IsType<CurePeriodEnded>(Assert.Single(CureEvents(Clocks(reminded, Now.AddDays(23)), Now.AddDays(31).AddHours(5))));
        Assert.Equal(Now.AddDays(31), ended.At);
        var after = Clocks(Clocks(reminded, Now.AddDays(23)), Now.AddDays(31).AddHours(5));
        Assert.Equal(Now.AddDays(31), after.ObjectionOf("fabrikam")?.CureEndedAt);
        Assert.Empty(CureEvents(after, Now.AddDays(50)));
    }

    [Theory]
    [InlineData(ObjectionOutcome.Resolved, 0)]
    [InlineData(ObjectionOutcome.CorrectiveSteps, 1)]
    public void CureClock_StopsOnceTheObjectionIsSettled_ButRunsOnWhileCorrectiveStepsAreUnderWay(ObjectionOutcome outcome, int reminders)
    {
        var objected = Fold(Approved(new ChangeBuilder(), Now), new RecordObjection("fabrikam", "contact:legal", "no"), Now.AddDays(1));
        var answered = Fold(objected, new RecordObjectionOutcome("fabrikam", outcome, "ic-primary", null), Now.AddDays(2));

        Assert.Equal(reminders, CureEvents(answered, Now.AddDays(8)).OfType<CureReminderDue>().Count());
    }

    [Fact]
    public void Clocks_AtTheEffectiveTime_RecordTheChangeTookEffect_Once_AndThenItCannotBeWithdrawn()
    {
        var approved = Fold(Approved(new ChangeBuilder(), Now), new AdvanceChangeClocks([]), Now.AddDays(46));

        Assert.DoesNotContain(_decider.Decide(approved, new AdvanceChangeClocks([]), Now.AddDays(60).AddSeconds(-1)).Events, e => e is ChangeTookEffect);
        var effective = Fold(approved, new AdvanceChangeClocks([]), Now.AddDays(60).AddHours(1));

        Assert.Equal(Now.AddDays(60), effective.TookEffectAt);
        Assert.IsType<ChangeTookEffect>(Assert.Single(_decider.Decide(approved, new AdvanceChangeClocks([]), Now.AddDays(60).AddHours(1)).Events));
        Assert.True(_decider.Decide(effective, new AdvanceChangeClocks([]), Now.AddDays(61)).IsNothing);
        Assert.Null(effective.NextClockAt());
        Assert.Equal(RefusalKind.Conflict, _decider.Decide(effective, Decision(ChangeDecisionKind.Withdraw), Now.AddDays(61)).Refusal?.Kind);
    }

    [Fact]
    public void Clocks_AtEachNoticeDeadline_CheckThoseCustomers_AndNameTheOnesNotSentInTime()
    {
        // contoso's notice is due by day 30 (30 days before day 60), the others' by day 45.
        var approved = Approved(new ChangeBuilder(), Now);
        Assert.Equal(Now.AddDays(30), approved.NextClockAt());
        Assert.False(approved.NoticeDeadlineDue(Now.AddDays(30).AddSeconds(-1)));

        var first = Assert.IsType<NoticeDeadlinePassed>(Assert.Single(_decider.Decide(approved, new AdvanceChangeClocks(["contoso", "fabrikam"]), Now.AddDays(30)).Events));
        var checkedOnce = Fold(approved, new AdvanceChangeClocks(["contoso", "fabrikam"]), Now.AddDays(30));
        var second = Assert.IsType<NoticeDeadlinePassed>(Assert.Single(_decider.Decide(checkedOnce, new AdvanceChangeClocks([]), Now.AddDays(45)).Events));

        Assert.Equal(["contoso"], first.Customers);
        Assert.Equal(["contoso"], first.Unsent);
        Assert.Equal(Now.AddDays(45), checkedOnce.NextClockAt());
        Assert.Equal(["fabrikam", "tailspin", "woodgrove"], second.Customers);
        Assert.Empty(second.Unsent);
    }

    [Fact]
    public void Clocks_OfAChangeNoLongerApproved_DoNothing()
    {
        var withdrawn = Fold(Approved(new ChangeBuilder(), Now), Decision(ChangeDecisionKind.Withdraw), Now.AddDays(1));

        Assert.True(_decider.Decide(withdrawn, new AdvanceChangeClocks([]), Now.AddDays(70)).IsNothing);
        Assert.Null(withdrawn.NextClockAt());
    }

    [Fact]
    public void Objection_AfterWindowCloses_IsRefusedWindowClosed()
    {
        var step = _decider.Decide(Approved(new ChangeBuilder(), Now), new RecordObjection("woodgrove", "contact:privacy", "late"), Now.AddDays(10).AddSeconds(1));

        Assert.Equal(RefusalKind.Conflict, step.Refusal?.Kind);
        Assert.StartsWith("window closed", step.Refusal?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Objection_BeforeApproval_IsRefused()
    {
        var step = _decider.Decide(Announced(new ChangeBuilder()), new RecordObjection("woodgrove", "contact:privacy", "no"), Now);

        Assert.Equal(RefusalKind.Conflict, step.Refusal?.Kind);
    }

    [Fact]
    public void Objection_WithoutReason_IsRefusedNamingReason()
    {
        var step = _decider.Decide(Approved(new ChangeBuilder(), Now), new RecordObjection("woodgrove", "contact:privacy", " "), Now);

        Assert.Equal("reason", step.Refusal?.Field);
    }

    [Fact]
    public void Objection_FromCustomerNotConcerned_IsRefusedAsNotFound()
    {
        var step = _decider.Decide(Approved(new ChangeBuilder().InRegions("EU"), Now), new RecordObjection("woodgrove", "x", "no"), Now);

        Assert.Equal(RefusalKind.NotFound, step.Refusal?.Kind);
    }

    [Fact]
    public void Objection_AfterAcknowledgementWithinWindow_ReplacesTheConsent()
    {
        var acknowledged = Fold(Approved(new ChangeBuilder(), Now), new RecordAcknowledgement("contoso", "contact:privacy"), Now.AddDays(1));
        Assert.Equal(ConsentBasis.Acknowledged, acknowledged.ConsentOf("contoso")?.Basis);

        var objected = Fold(acknowledged, new RecordObjection("contoso", "contact:privacy", "changed our mind"), Now.AddDays(2));

        Assert.Null(objected.ConsentOf("contoso"));
        Assert.NotNull(objected.ObjectionOf("contoso"));
    }

    [Fact]
    public void Acknowledgement_Twice_FirstStands()
    {
        var acknowledged = Fold(Approved(new ChangeBuilder(), Now), new RecordAcknowledgement("contoso", "first"), Now.AddDays(1));

        Assert.True(_decider.Decide(acknowledged, new RecordAcknowledgement("contoso", "second"), Now.AddDays(2)).IsNothing);
    }

    [Fact]
    public void CloseObjectionWindows_RecordsNoObjectionConsentOnlyForClosedSilentWindows()
    {
        var state = Fold(Approved(new ChangeBuilder(), Now), new RecordObjection("fabrikam", "contact:legal", "no"), Now.AddDays(1));
        state = Fold(state, new RecordAcknowledgement("tailspin", "contact:dpo"), Now.AddDays(1));

        var closed = Fold(state, new CloseObjectionWindows(), Now.AddDays(16));

        // woodgrove's 10 days have passed; contoso's 30 have not; fabrikam objected; tailspin acknowledged.
        var consent = Assert.Single(closed.Consents, c => c.Basis == ConsentBasis.NoObjectionInWindow);
        Assert.Equal("woodgrove", consent.CustomerId);
        Assert.Equal(Now.AddDays(10), consent.At);
        Assert.True(_decider.Decide(closed, new CloseObjectionWindows(), Now.AddDays(16)).IsNothing);
    }

    [Theory]
    [InlineData(ObjectionOutcome.Terminated, ChangeStatus.Approved)]
    [InlineData(ObjectionOutcome.Cancelled, ChangeStatus.Cancelled)]
    public void ObjectionOutcome_IsRecordedAndCancelledCancelsTheChange(ObjectionOutcome outcome, ChangeStatus status)
    {
        var objected = Fold(Approved(new ChangeBuilder(), Now), new RecordObjection("fabrikam", "contact:legal", "no"), Now.AddDays(1));

        var settled = Fold(objected, new RecordObjectionOutcome("fabrikam", outcome, "ic-primary", "agreed"), Now.AddDays(3));

        Assert.Equal(outcome, settled.ObjectionOf("fabrikam")?.Outcome);
        Assert.Equal(status, settled.Status);
    }

    [Fact]
    public void ObjectionOutcome_CorrectiveStepsThenResolved_IsAllowedButNothingAfterASettledOne()
    {
        var objected = Fold(Approved(new ChangeBuilder(), Now), new RecordObjection("fabrikam", "contact:legal", "no"), Now.AddDays(1));
        var corrective = Fold(objected, new RecordObjectionOutcome("fabrikam", ObjectionOutcome.CorrectiveSteps, "ic-primary", null), Now.AddDays(2));
        var resolved = Fold(corrective, new RecordObjectionOutcome("fabrikam", ObjectionOutcome.Resolved, "ic-primary", null), Now.AddDays(3));

        var step = _decider.Decide(resolved, new RecordObjectionOutcome("fabrikam", ObjectionOutcome.Terminated, "ic-primary", null), Now.AddDays(4));

        Assert.Equal(ObjectionOutcome.Resolved, resolved.ObjectionOf("fabrikam")?.Outcome);
        Assert.Equal(RefusalKind.Conflict, step.Refusal?.Kind);
    }

    [Fact]
    public void ObjectionOutcome_WithoutObjection_IsRefusedAsNotFound()
    {
        var step = _decider.Decide(Approved(new ChangeBuilder(), Now), new RecordObjectionOutcome("fabrikam", ObjectionOutcome.Resolved, "ic-primary", null), Now);

        Assert.Equal(RefusalKind.NotFound, step.Refusal?.Kind);
    }

    [Fact]
    public void Replay_OfTheHistory_EqualsTheFoldedState()
    {
        var events = new List<SubprocessorChangeEvent>();
        SubprocessorChangeState? state = null;
        foreach (var (message, at) in new (SubprocessorChangeMessage, DateTimeOffset)[]
        {
            (new ChangeBuilder().Announce(), Now),
            (Decision(ChangeDecisionKind.Approve), Now.AddHours(1)),
            (new RecordObjection("fabrikam", "contact:legal", "no"), Now.AddDays(1)),
        })
        {
            var step = _decider.Decide(state, message, at);
            events.AddRange(step.Events);
            state = step.Events.Aggregate(state ?? SubprocessorChangeState.Empty("spc-1"), (s, e) => s.Apply(e));
        }

        var replayed = SubprocessorChangeState.Replay("spc-1", events);

        Assert.Equal(3, replayed.Version);
        Assert.Equal(state!.Status, replayed.Status);
        Assert.Equal(state.Objections, replayed.Objections);
    }

    [Fact]
    public void Announce_ContractWithoutDays_UsesProcessorDefaultsSetInTheDirectory()
    {
        var directory = new DirectoryBuilder()
            .WithProcessor(p => p with { DefaultSubprocessorNoticeDays = 5, DefaultObjectionDays = 7 })
            .WithCustomer("acme")
            .Build();
        var change = new ChangeBuilder().ForServices("core").EffectiveIn(5).Build();

        var step = new SubprocessorChangeDecider(directory).Decide(null, new AnnounceChange(change, "ic"), Now);

        var window = Assert.IsType<ChangeAnnounced>(Assert.Single(step.Events)).Windows.Single();
        Assert.Equal(Now, window.NoticeSentBy);
        Assert.Equal(Now.AddDays(7), window.ObjectByAt);
    }

    private SubprocessorChangeState Announced(ChangeBuilder builder) => Fold(null, builder.Announce(), Now);

    private SubprocessorChangeState Approved(ChangeBuilder builder, DateTimeOffset at) => Fold(Announced(builder), Decision(ChangeDecisionKind.Approve), at);

    private SubprocessorChangeState Fold(SubprocessorChangeState? state, SubprocessorChangeMessage message, DateTimeOffset at)
    {
        var step = _decider.Decide(state, message, at);
        Assert.Null(step.Refusal);
        Assert.NotEmpty(step.Events);
        return step.Events.Aggregate(state ?? SubprocessorChangeState.Empty("spc-1"), (s, e) => s.Apply(e));
    }

    private static DecideChange Decision(ChangeDecisionKind kind) => new(kind, "ic-primary", null);

    private SubprocessorChangeState Clocks(SubprocessorChangeState state, DateTimeOffset at) => Fold(state, new AdvanceChangeClocks([]), at);

    /// <summary>What the clocks decide about cure periods at <paramref name="at"/> (the notice deadlines left out).</summary>
    private List<SubprocessorChangeEvent> CureEvents(SubprocessorChangeState state, DateTimeOffset at) =>
        [.. _decider.Decide(state, new AdvanceChangeClocks([]), at).Events.Where(e => e is CureReminderDue or CurePeriodEnded)];

    private static SubprocessorChangeState Apply(SubprocessorChangeState? state, SubprocessorChangeStep step)
    {
        Assert.Null(step.Refusal);
        return step.Events.Aggregate(state ?? SubprocessorChangeState.Empty("spc-1"), (s, e) => s.Apply(e));
    }
}
