using BreachNotify.Notices;
using System.Text.Json;
using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Incidents;
using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Incidents;

public sealed class IncidentDeciderTests
{
    private static readonly WorkflowSettings Settings = WorkflowSettings.Default;
    private readonly IncidentHarness _incident = new();

    private DateTimeOffset Now => _incident.Now;

    /// <summary>Decides, then appends the step's events to the history and folds them into the state, as the store does.</summary>
    private IncidentStep Step(WorkflowMessage message) => _incident.Step(message);

    [Fact]
    public void Decide_NewDetectionIntoAFullIncident_IsRefused_ButAnUpdateOfOneItHoldsIsNot()
    {
        var first = TestData.Detection("generic-subprocessor-report.json");
        for (var i = 0; i < IncidentDecider.MaxDetectionsPerIncident; i++)
        {
            Assert.Null(Step(new DetectionArrived(first with { SourceId = $"joined-{i}" })).Refusal);
        }

        var overflow = _incident.Peek(new DetectionArrived(first with { SourceId = "one-too-many" }));
        var update = _incident.Peek(new DetectionArrived(first with { SourceId = "joined-7", Title = "Updated title" }));

        Assert.Equal(IncidentDecider.MaxDetectionsPerIncident, _incident.State.Detections.Count);
        Assert.NotNull(overflow.Refusal);
        Assert.Empty(overflow.Events);
        Assert.Null(update.Refusal);
        Assert.IsType<DetectionUpdated>(Assert.Single(update.Events));
    }

    private IncidentStep Arrive(string fixture) => Arrive(TestData.Detection(fixture));

    /// <summary>
    /// A detection arriving and the classification timer it schedules firing at once, as ingest and then the worker
    /// do it, returned as one step (the timer itself left out of the commands).
    /// </summary>
    private IncidentStep Arrive(NormalizedDetection detection) => _incident.Arrive(detection);

    private static CommanderDecision Approve(string comment = "notify") => new(DecisionKind.Approve, "ic-primary", comment);

    private IncidentState State => _incident.State;

    private static IncidentDecider NewDecider() => new(TestData.SampleDirectory, TestData.Rules, Settings);

    [Fact]
    public void Decide_FirstDetection_SchedulesTheFirstDeadlineWarningAtTheLeadBeforeTheEarliestDueTime()
    {
        var step = Arrive("ocsf-detection-finding-exfil.json");

        // cloud-host is due in 24 h (contract), contoso in 48 h: the first warning is 4 h before the 24 h.
        Assert.Contains(new ScheduleTimer(TimerKind.DeadlineWarning, 0, Now.AddHours(24) - Settings.DeadlineWarningLead), step.Commands);
    }

    [Fact]
    public void Decide_DeadlineWarningFires_WarnsAboutThePartiesDueThenAndSchedulesTheNextDueTime()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        var aware = Now;
        _incident.Time.Advance(TimeSpan.FromHours(20));

        var step = Step(new TimerFired(TimerKind.DeadlineWarning, 0));

        var warned = Assert.IsType<DeadlineApproaching>(Assert.Single(step.Events));
        Assert.Equal(["cloud-host"], warned.PartyIds);
        Assert.Equal(aware.AddHours(24), warned.DueAt);
        var warn = Assert.IsType<WarnDeadline>(step.Commands[0]);
        Assert.Equal((0, aware.AddHours(24)), (warn.Sequence, warn.DueAt));
        Assert.Equal(["cloud-host"], warn.PartyIds);
        Assert.Equal(new ScheduleTimer(TimerKind.DeadlineWarning, 1, aware.AddHours(48) - Settings.DeadlineWarningLead), step.Commands[1]);
        Assert.Equal(1, State.DeadlineWarningsSent);
    }

    [Fact]
    public void Decide_DeadlineWarningFiredTwiceOrAfterRejection_DoesNothing()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.DeadlineWarning, 0));

        Assert.True(Step(new TimerFired(TimerKind.DeadlineWarning, 0)).IsNothing);
        Step(new CommanderDecision(DecisionKind.Reject, "ic-primary", "false positive"));
        Assert.True(Step(new TimerFired(TimerKind.DeadlineWarning, 1)).IsNothing);
    }

    [Fact]
    public void Decide_DeadlineWarningPastTheLastDueTime_DoesNothing()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.DeadlineWarning, 0));
        Step(new TimerFired(TimerKind.DeadlineWarning, 1));

        Assert.True(Step(new TimerFired(TimerKind.DeadlineWarning, 2)).IsNothing);
    }

    [Fact]
    public void Decide_FirstDetection_RecordsClassifiesAndSchedulesTheFirstApprovalRequestNow()
    {
        var step = Arrive("ocsf-detection-finding-exfil.json");

        Assert.Null(step.Refusal);
        Assert.Collection(step.Events, e => Assert.IsType<DetectionRecorded>(e), e => Assert.IsType<IncidentClassified>(e));
        Assert.Equal(new ScheduleTimer(TimerKind.ApprovalRequest, 0, Now), step.Commands[0]);
        Assert.Equal(IncidentStatus.AwaitingDecision, State.Status);
        Assert.Equal(Now, State.AwareAt);
        Assert.Equal(Verdict.PersonalDataBreach, State.Classification?.Verdict);
    }

    [Fact]
    public void Decide_FirstDetection_IsOnlyRecorded_AndItsClassificationIsDueAtOnce()
    {
        var step = Step(new DetectionArrived(TestData.Detection("ocsf-detection-finding-exfil.json")));

        Assert.IsType<DetectionRecorded>(Assert.Single(step.Events));
        Assert.Equal([new ScheduleTimer(TimerKind.Classification, 1, Now)], step.Commands);
        Assert.Equal(IncidentStatus.Received, State.Status);
        Assert.Null(State.Classification);
        Assert.Equal(Now, State.AwareAt);
    }

    [Fact]
    public void Decide_ClassificationFiredTwice_ClassifiesOnce()
    {
        Step(new DetectionArrived(TestData.Detection("ocsf-detection-finding-exfil.json")));
        _incident.Time.Advance(TimeSpan.FromSeconds(2));

        var first = Step(new ClassificationDue(1, IncidentDetections.From(_incident.History)));
        var again = Step(new ClassificationDue(1, IncidentDetections.From(_incident.History)));

        Assert.IsType<IncidentClassified>(Assert.Single(first.Events));
        Assert.Equal(new ScheduleTimer(TimerKind.ApprovalRequest, 0, Now), first.Commands[0]);
        Assert.True(again.IsNothing);
        // The clocks run from awareness (when the detection was received), not from when it was classified.
        Assert.Equal(TestData.Now.AddHours(24), State.EarliestDueAt);
    }

    [Fact]
    public void Decide_ClassificationOvertakenByALaterDetection_DoesNothing_TheLaterOneClassifiesBoth()
    {
        Step(new DetectionArrived(TestData.Detection("splunk-webhook-vpn-bruteforce.json")));
        var second = new DetectionBuilder().WithSourceId("det-2").WithCategories("exfiltration").WithAssets("sqlprod-eu-01.database.windows.net").Build();
        var arrived = Step(new DetectionArrived(second));

        var stale = Step(new ClassificationDue(1, IncidentDetections.From(_incident.History)));
        var current = Step(new ClassificationDue(2, IncidentDetections.From(_incident.History)));

        Assert.Equal([new ScheduleTimer(TimerKind.Classification, 2, Now)], arrived.Commands);
        Assert.True(stale.IsNothing);
        Assert.IsType<IncidentClassified>(Assert.Single(current.Events));
        Assert.Equal(Verdict.PersonalDataBreach, State.Classification?.Verdict);
        Assert.Equal(IncidentStatus.AwaitingDecision, State.Status);
    }

    [Fact]
    public void Decide_ReceivedIncident_CannotBeApprovedOrRejected_ButACommanderMayReclassifyIt_AndTheLateClassificationThenDoesNothing()
    {
        Step(new DetectionArrived(TestData.Detection("ocsf-detection-finding-exfil.json")));

        var approve = Step(Approve());
        var reject = Step(new CommanderDecision(DecisionKind.Reject, "ic-primary", "no"));
        var reclassify = Step(new CommanderDecision(DecisionKind.Reclassify, "ic-primary", "known breach, contoso only", Verdict.PersonalDataBreach, ["contoso"]));
        var late = Step(new ClassificationDue(1, IncidentDetections.From(_incident.History)));

        Assert.NotNull(approve.Refusal);
        Assert.NotNull(reject.Refusal);
        Assert.Null(reclassify.Refusal);
        Assert.Contains(new ScheduleTimer(TimerKind.ApprovalRequest, 0, Now), reclassify.Commands);
        Assert.True(late.IsNothing);
        Assert.Equal(["contoso"], State.Classification?.AffectedCustomers);
        Assert.Equal(IncidentStatus.AwaitingDecision, State.Status);
    }

    [Fact]
    public void Decide_ApproveOrRejectWhileReceived_IsRefusedAsStillBeingClassified_NotAsNeedingReclassification()
    {
        Step(new DetectionArrived(TestData.Detection("ocsf-detection-finding-exfil.json")));

        var approve = Step(Approve());
        var reject = Step(new CommanderDecision(DecisionKind.Reject, "ic-primary", "no"));

        foreach (var refusal in new[] { approve.Refusal, reject.Refusal })
        {
            Assert.NotNull(refusal);
            Assert.StartsWith("the incident is still being classified", refusal, StringComparison.Ordinal);
            Assert.DoesNotContain("before approving", refusal, StringComparison.Ordinal);
        }

        Assert.Equal(IncidentStatus.Received, State.Status);
    }

    [Fact]
    public void Decide_ApproveANoBreachIncident_IsRefusedAskingToReclassifyFirst()
    {
        Arrive("splunk-webhook-vpn-bruteforce.json");

        var step = Step(Approve());

        Assert.Equal("the incident is NoBreach; reclassify it before approving", step.Refusal);
    }

    [Fact]
    public void RecipientList_RangeAndCount_AreSlicesOfTheWholeListAcrossParties()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        var all = RecipientList.Of(TestData.SampleDirectory, State);

        Assert.Equal(all.Count, RecipientList.CountOf(TestData.SampleDirectory, State));
        for (var from = 0; from <= all.Count; from++)
        {
            for (var to = from; to <= all.Count + 1; to++)
            {
                Assert.Equal(all.Skip(from).Take(to - from), RecipientList.Range(TestData.SampleDirectory, State, from, to));
            }
        }
    }

    [Fact]
    public void Decide_FirstDetection_RecipientsAreEveryContactOfEveryAffectedPartyWithItsDueTime()
    {
        Arrive("ocsf-detection-finding-exfil.json");

        Assert.Equal(
            ["customer:contoso:0", "customer:contoso:1", "subprocessor:cloud-host:0"],
            RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.Key));
        Assert.Equal(["privacy@contoso.example", "soc@contoso.example", "secresponse@cloud-host.example"], RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.Email));
        Assert.Equal(["de-DE", "en-GB", "en-US"], RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.Locale));
        Assert.Equal([Now.AddHours(48), Now.AddHours(48), Now.AddHours(24)], RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.DueAt));
        Assert.Equal(Now.AddHours(24), State.EarliestDueAt);
        Assert.Equal(3, State.StatutoryClocks.Count);
    }

    [Fact]
    public void Decide_SameDetectionAgain_DoesNothing()
    {
        Arrive("sentinel-incident-ransomware.json");
        _incident.Time.Advance(TimeSpan.FromMinutes(5));

        var step = Arrive("sentinel-incident-ransomware.json");

        Assert.True(step.IsNothing);
    }

    [Fact]
    public void Decide_UpdateOfAKnownDetection_MergesItWithoutASecondIncidentOrApprovalTimer()
    {
        Arrive("sentinel-incident-ransomware.json");
        var recipientsBefore = RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.Key).ToList();
        _incident.Time.Advance(TimeSpan.FromMinutes(90));

        var step = Arrive("sentinel-incident-ransomware-update.json");

        Assert.IsType<DetectionUpdated>(step.Events[0]);
        Assert.DoesNotContain(step.Events, e => e is DetectionRecorded);
        Assert.DoesNotContain(step.Commands, c => c is ScheduleTimer);
        Assert.Empty(step.Commands);
        var detection = Assert.Single(State.Detections);
        Assert.Equal("Active", detection.SourceStatus);
        Assert.Equal(TestData.Now, State.AwareAt);
        Assert.Equal(recipientsBefore, RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.Key));
        Assert.Equal(["fabrikam", "tailspin"], State.Classification?.AffectedCustomers);
    }

    [Fact]
    public void Decide_UpdateArrivingTwice_IsMergedOnce()
    {
        Arrive("sentinel-incident-ransomware.json");
        Arrive("sentinel-incident-ransomware-update.json");

        Assert.True(Arrive("sentinel-incident-ransomware-update.json").IsNothing);
    }

    [Fact]
    public void Decide_NotPersonalDataBreach_IsRecordedAsNoBreachWithoutCommands()
    {
        var step = Arrive("splunk-webhook-vpn-bruteforce.json");

        Assert.Empty(step.Commands);
        Assert.Equal(IncidentStatus.NoBreach, State.Status);
        Assert.Empty(RecipientList.Of(TestData.SampleDirectory, State));
        Assert.Equal(2, step.Events.Count);
    }

    [Fact]
    public void Decide_FirstApprovalTimer_AsksThePrimaryCommanderAndSchedulesTheEscalation()
    {
        Arrive("ocsf-detection-finding-exfil.json");

        var step = Step(new TimerFired(TimerKind.ApprovalRequest, 0));

        var requested = Assert.IsType<ApprovalRequested>(Assert.Single(step.Events));
        Assert.Equal(0, requested.Sequence);
        Assert.Equal(["ic-primary"], requested.CommanderIds);
        Assert.Collection(
            step.Commands,
            c => Assert.Equal(["ic-primary"], Assert.IsType<NotifyCommanders>(c).CommanderIds),
            c => Assert.Equal(new ScheduleTimer(TimerKind.ApprovalRequest, 1, Now + Settings.ApprovalEscalationInterval), c));
        Assert.Equal(0, ((NotifyCommanders)step.Commands[0]).Sequence);
        Assert.Equal(1, State.ApprovalRequestsSent);
    }

    [Fact]
    public void Decide_EscalationTimer_IncludesTheBackupCommander()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.ApprovalRequest, 0));
        _incident.Time.Advance(Settings.ApprovalEscalationInterval);

        var step = Step(new TimerFired(TimerKind.ApprovalRequest, 1));

        var escalated = Assert.IsType<ApprovalRequested>(Assert.Single(step.Events));
        Assert.Equal("approvalEscalated", escalated.Kind);
        Assert.Equal(["ic-primary", "ic-backup"], escalated.CommanderIds);
        var notify = Assert.IsType<NotifyCommanders>(step.Commands[0]);
        Assert.Contains("ic-backup", notify.CommanderIds);
        Assert.Equal(1, notify.Sequence);
        Assert.Equal(new ScheduleTimer(TimerKind.ApprovalRequest, 2, Now + Settings.ApprovalEscalationInterval), step.Commands[1]);
    }

    [Fact]
    public void Decide_TimerWhoseSequenceWasAlreadyHandled_DoesNothing()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.ApprovalRequest, 0));

        Assert.True(Step(new TimerFired(TimerKind.ApprovalRequest, 0)).IsNothing);
    }

    [Fact]
    public void Decide_TimerAfterApproval_DoesNothing()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.ApprovalRequest, 0));
        Step(Approve());

        Assert.True(Step(new TimerFired(TimerKind.ApprovalRequest, 1)).IsNothing);
    }

    [Fact]
    public void Decide_TimerForAnUnknownIncident_DoesNothing()
    {
        Assert.True(NewDecider().Decide(null, new TimerFired(TimerKind.ApprovalRequest, 0), Now).IsNothing);
    }

    [Fact]
    public void Decide_Approve_RecordsTheApprovalAndStartsTheFanOut()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.ApprovalRequest, 0));
        _incident.Time.Advance(TimeSpan.FromMinutes(12));

        var step = Step(Approve("go"));

        var approved = Assert.IsType<IncidentApproved>(Assert.Single(step.Events));
        Assert.Equal(3, approved.NoticeCount);
        Assert.Equal("commander:ic-primary", approved.Actor);
        Assert.IsType<StartFanOut>(Assert.Single(step.Commands));
        Assert.Equal(IncidentStatus.Approved, State.Status);
        Assert.Equal(Now, State.DecidedAt);
    }

    [Fact]
    public void Decide_ApproveTwice_DoesNothingTheSecondTime()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(Approve());

        Assert.True(Step(Approve()).IsNothing);
    }

    [Fact]
    public void Decide_RejectAfterApprove_IsRefused()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(Approve());

        var step = Step(new CommanderDecision(DecisionKind.Reject, "ic-backup", "not a breach"));

        Assert.NotNull(step.Refusal);
        Assert.Empty(step.Events);
        Assert.Empty(step.Commands);
        Assert.Equal(IncidentStatus.Approved, State.Status);
    }

    [Fact]
    public void Decide_ApproveANoBreachIncident_IsRefused()
    {
        Arrive("splunk-webhook-vpn-bruteforce.json");

        var step = Step(Approve());

        Assert.NotNull(step.Refusal);
        Assert.Empty(step.Commands);
    }

    [Fact]
    public void Decide_DecisionOnAnUnknownIncident_IsRefused()
    {
        Assert.NotNull(NewDecider().Decide(null, Approve(), Now).Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decide_ReclassifyWithoutReason_IsRefused(string? reason)
    {
        Arrive("splunk-webhook-vpn-bruteforce.json");

        var step = Step(new CommanderDecision(DecisionKind.Reclassify, "ic-primary", reason, Verdict.PersonalDataBreach, ["contoso"]));

        Assert.NotNull(step.Refusal);
        Assert.Empty(step.Events);
        Assert.Equal(IncidentStatus.NoBreach, State.Status);
    }

    [Fact]
    public void Decide_ReclassifyWithUnknownCustomer_IsRefused()
    {
        Arrive("splunk-webhook-vpn-bruteforce.json");

        var step = Step(new CommanderDecision(DecisionKind.Reclassify, "ic-primary", "VPN creds reused on the EU DB", Verdict.PersonalDataBreach, ["globex"]));

        Assert.Contains("globex", step.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ReclassifyNoBreachAsBreachNamingContoso_NotifiesContosoContactsAfterApproval()
    {
        Arrive("splunk-webhook-vpn-bruteforce.json");
        _incident.Time.Advance(TimeSpan.FromHours(2));

        var step = Step(new CommanderDecision(DecisionKind.Reclassify, "ic-primary", "VPN creds reused on the EU DB", Verdict.PersonalDataBreach, ["contoso"]));

        Assert.Null(step.Refusal);
        Assert.Collection(step.Events, e => Assert.IsType<IncidentReclassified>(e), e => Assert.IsType<IncidentClassified>(e));
        Assert.Equal(new ScheduleTimer(TimerKind.ApprovalRequest, 0, Now), step.Commands[0]);
        Assert.Equal(IncidentStatus.AwaitingDecision, State.Status);
        Assert.Equal(Verdict.PersonalDataBreach, State.Classification?.Verdict);
        Assert.Equal(["contoso"], State.Classification?.AffectedCustomers);
        Assert.Equal(
            TestData.SampleDirectory.Customer("contoso")!.Contacts.Select(c => c.Email),
            RecipientList.Of(TestData.SampleDirectory, State).Select(r => r.Email));
        Assert.All(RecipientList.Of(TestData.SampleDirectory, State), r => Assert.Equal(PartyKind.Customer, r.Kind));
        // Due times still count from the original awareness, not from the override.
        Assert.All(RecipientList.Of(TestData.SampleDirectory, State), r => Assert.Equal(TestData.Now.AddHours(48), r.DueAt));
        Assert.Contains(State.Classification!.Rationale, r => r.Contains("override by commander:ic-primary", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ReclassifyAnApprovedIncident_IsRefused()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(Approve());

        var step = Step(new CommanderDecision(DecisionKind.Reclassify, "ic-primary", "false positive", Verdict.NotPersonalDataBreach));

        Assert.NotNull(step.Refusal);
    }

    [Fact]
    public void Decide_UpdateAfterApprovalThatChangesNothingTheNoticesSay_IsOnlyRecorded()
    {
        Arrive("sentinel-incident-ransomware.json");
        Step(Approve());
        var before = JsonSerializer.Serialize(State.Classification, DomainJson.Options);

        // Classified again (phases, GDPR Art. 33(4)), but the update names the same assets and kind of breach.
        var step = Arrive(TestData.Detection("sentinel-incident-ransomware-update.json"));

        Assert.IsType<DetectionUpdated>(Assert.Single(step.Events));
        Assert.Empty(step.Commands);
        Assert.Equal(IncidentStatus.Approved, State.Status);
        Assert.Equal(before, JsonSerializer.Serialize(State.Classification, DomainJson.Options));
    }

    [Fact]
    public void Decide_SecondDistinctDetectionOnANoBreachIncident_CanTurnItIntoABreachAndAsksForApproval()
    {
        Arrive("splunk-webhook-vpn-bruteforce.json");
        var second = new DetectionBuilder().WithSourceId("det-2").WithCategories("exfiltration").WithAssets("sqlprod-eu-01.database.windows.net").Build();

        var step = Arrive(second);

        Assert.IsType<DetectionRecorded>(step.Events[0]);
        Assert.IsType<IncidentClassified>(step.Events[1]);
        Assert.Equal(new ScheduleTimer(TimerKind.ApprovalRequest, 0, Now), step.Commands[0]);
        Assert.Equal(IncidentStatus.AwaitingDecision, State.Status);
        Assert.Equal(2, State.Detections.Count);
    }

    [Fact]
    public void Replay_TheHistory_RebuildsTheStateBuiltStepByStep()
    {
        Arrive("sentinel-incident-ransomware.json");
        _incident.Time.Advance(TimeSpan.FromMinutes(1));
        Step(new TimerFired(TimerKind.ApprovalRequest, 0));
        _incident.Time.Advance(TimeSpan.FromMinutes(30));
        Arrive("sentinel-incident-ransomware-update.json");
        Step(new TimerFired(TimerKind.ApprovalRequest, 1));
        _incident.Time.Advance(TimeSpan.FromMinutes(3));
        Step(new CommanderDecision(DecisionKind.Reject, "ic-backup", "contained before any read"));
        Step(new CommanderDecision(DecisionKind.Reclassify, "ic-primary", "files were read after all", Verdict.PersonalDataBreach, ["fabrikam"]));
        Step(Approve());
        Assert.Equal(IncidentStatus.Approved, State.Status);

        var replayed = IncidentState.Replay(State.Id, _incident.History);

        Assert.Equal(_incident.History.Count, replayed.Version);
        Assert.Equal(JsonSerializer.Serialize(State, DomainJson.Options), JsonSerializer.Serialize(replayed, DomainJson.Options));
    }

    [Fact]
    public void Replay_HistoryRoundTrippedThroughStorageJson_RebuildsTheSameState()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(new TimerFired(TimerKind.ApprovalRequest, 0));
        Step(Approve());

        var stored = _incident.History.Select(e => JsonSerializer.Serialize(e, DomainJson.Options)).ToList();
        var loaded = stored.Select(s => JsonSerializer.Deserialize<IncidentEvent>(s, DomainJson.Options)!).ToList();
        var replayed = IncidentState.Replay(State.Id, loaded);

        Assert.Equal(JsonSerializer.Serialize(State, DomainJson.Options), JsonSerializer.Serialize(replayed, DomainJson.Options));
    }

    private static CommanderDecision Edit(NoticeEdits edits, DecisionKind kind = DecisionKind.Edit) => new(kind, "ic-primary", "wording", Edits: edits);

    private static NoticeEdits Measures(string text) => new() { Customer = new CustomerNoticeEdits { Measures = text } };

    [Fact]
    public void Decide_Edit_RecordsTheEditAndTheIncidentStaysAwaitingDecision()
    {
        Arrive("ocsf-detection-finding-exfil.json");

        var step = Step(Edit(Measures("Keys rotated.")));
        var again = Step(Edit(Measures("Keys rotated.")));

        var edited = Assert.IsType<NoticeTextEdited>(Assert.Single(step.Events));
        Assert.Empty(step.Commands);
        Assert.Equal("commander:ic-primary", edited.Actor);
        Assert.Equal("noticeEdited", edited.Kind);
        Assert.Equal("notice text edited: customer.measures", edited.Describe());
        Assert.DoesNotContain("Keys rotated", edited.Describe(), StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.AwaitingDecision, State.Status);
        Assert.Equal("Keys rotated.", State.NoticeEdits?.Customer?.Measures);
        Assert.True(again.IsNothing);
    }

    [Fact]
    public void Decide_EditsMerge_LaterFieldsWin_AndAnEmptyFieldReturnsToTheGeneratedText()
    {
        Arrive("ocsf-detection-finding-exfil.json");

        Step(Edit(new NoticeEdits { Customer = new CustomerNoticeEdits { Measures = "one", Message = "hello" } }));
        Step(Edit(new NoticeEdits { Customer = new CustomerNoticeEdits { Measures = "two" }, Subprocessor = new SubprocessorNoticeEdits { Request = "contain" } }));
        Step(Edit(new NoticeEdits { Customer = new CustomerNoticeEdits { Message = "" } }));

        Assert.Equal(new CustomerNoticeEdits { Measures = "two" }, State.NoticeEdits?.Customer);
        Assert.Equal("contain", State.NoticeEdits?.Subprocessor?.Request);
    }

    [Fact]
    public void Decide_ApproveWithEdits_AppliesTheEditsFirstInTheSameStep()
    {
        Arrive("ocsf-detection-finding-exfil.json");

        var step = Step(Edit(Measures("Keys rotated."), DecisionKind.Approve));

        Assert.Collection(step.Events, e => Assert.IsType<NoticeTextEdited>(e), e => Assert.IsType<IncidentApproved>(e));
        Assert.Equal([new StartFanOut()], step.Commands);
        Assert.Equal(IncidentStatus.Approved, State.Status);
        Assert.Equal("Keys rotated.", State.NoticeEdits?.Customer?.Measures);
    }

    [Fact]
    public void Decide_EditAfterApproval_IsRefused_AndARepeatedApprovalWithTheSameEditsChangesNothing()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(Edit(Measures("Keys rotated."), DecisionKind.Approve));

        var edit = Step(Edit(Measures("Something else.")));
        var approveWithNewEdits = Step(Edit(Measures("Something else."), DecisionKind.Approve));
        var sameAgain = Step(Edit(Measures("Keys rotated."), DecisionKind.Approve));

        Assert.Contains("already approved", edit.Refusal, StringComparison.Ordinal);
        Assert.Contains("already approved", approveWithNewEdits.Refusal, StringComparison.Ordinal);
        Assert.True(sameAgain.IsNothing);
        Assert.Equal("Keys rotated.", State.NoticeEdits?.Customer?.Measures);
    }

    [Fact]
    public void Decide_EditOfARejectedIncident_OrWithoutFields_IsRefused()
    {
        Arrive("ocsf-detection-finding-exfil.json");

        var empty = Step(Edit(new NoticeEdits()));
        Step(new CommanderDecision(DecisionKind.Reject, "ic-backup", "not a breach"));
        var afterReject = Step(Edit(Measures("x")));

        Assert.NotNull(empty.Refusal);
        Assert.Contains("Rejected", afterReject.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_WithEdits_ThroughStorageJson_RebuildsTheEdits()
    {
        Arrive("ocsf-detection-finding-exfil.json");
        Step(Edit(new NoticeEdits { Customer = new CustomerNoticeEdits { Nature = "n", Message = "m" } }));
        Step(Edit(new NoticeEdits { Subprocessor = new SubprocessorNoticeEdits { Request = "r" } }, DecisionKind.Approve));

        var loaded = _incident.History.Select(e => JsonSerializer.Deserialize<IncidentEvent>(JsonSerializer.Serialize(e, DomainJson.Options), DomainJson.Options)!).ToList();
        var replayed = IncidentState.Replay(State.Id, loaded);

        Assert.Contains(loaded, e => e is NoticeTextEdited);
        Assert.Equal(JsonSerializer.Serialize(State, DomainJson.Options), JsonSerializer.Serialize(replayed, DomainJson.Options));
        Assert.Equal("n", replayed.NoticeEdits?.Customer?.Nature);
        Assert.Equal("r", replayed.NoticeEdits?.Subprocessor?.Request);
    }
}
