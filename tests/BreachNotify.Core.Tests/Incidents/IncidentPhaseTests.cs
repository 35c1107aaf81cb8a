using System.Text.Json;
using BreachNotify.Classification;
using BreachNotify.Incidents;
using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Incidents;

/// <summary>Information in phases (GDPR Art. 33(4)): an approved incident that changes, its follow-up, and its closing.</summary>
public sealed class IncidentPhaseTests
{
    private readonly IncidentHarness _incident = new();

    private static readonly FinalReport Report = new("A leaked support credential", "Credential revoked, access reviewed", DataRecovered: false);

    /// <summary>Approved: contoso (sql-prod-eu) and cloud-host were told.</summary>
    private void ApprovedExfiltrationOnTheEuDatabase()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));
        Assert.Null(_incident.Decide(DecisionKind.Approve).Refusal);
        Assert.Equal(IncidentStatus.Approved, _incident.State.Status);
    }

    private static BreachNotify.Detections.NormalizedDetection OnTheExportsBucket(string sourceId = "det-exports") =>
        new DetectionBuilder().WithSourceId(sourceId).WithCategories("exfiltration").WithAssets("ntc-exports.blob.core.windows.net").Build();

    [Fact]
    public void A_detection_that_affects_more_customers_puts_the_approved_incident_in_update_pending_and_asks_the_commanders()
    {
        ApprovedExfiltrationOnTheEuDatabase();
        var requestsBefore = _incident.State.ApprovalRequestsSent;
        _incident.Time.Advance(TimeSpan.FromHours(3));

        var step = _incident.Arrive(OnTheExportsBucket());

        Assert.Equal(IncidentStatus.UpdatePending, _incident.State.Status);
        Assert.IsType<IncidentUpdatePending>(step.Events[^1]);
        Assert.Equal([new ScheduleTimer(TimerKind.ApprovalRequest, requestsBefore, _incident.Now)], step.Commands);
        var changes = _incident.State.PendingChanges!;
        Assert.Equal(
            [new PartyChange(PartyKind.Customer, "fabrikam", PartyChangeKind.NewlyAffected), new PartyChange(PartyKind.Customer, "tailspin", PartyChangeKind.NewlyAffected)],
            changes.Parties);
        // Newly affected parties are due from when they became affected: fabrikam's contract 72 h, tailspin the default 24 h.
        Assert.Equal(_incident.Now.AddHours(72), _incident.State.DueTimes.Single(d => d.RecipientId == "fabrikam").DueAt);
        Assert.Equal(_incident.Now.AddHours(24), _incident.State.DueTimes.Single(d => d.RecipientId == "tailspin").DueAt);
        // contoso was told at awareness and stays due from then (48 h).
        Assert.Equal(TestData.Now.AddHours(48), _incident.State.DueTimes.Single(d => d.RecipientId == "contoso").DueAt);
        // What the parties were told is kept beside the new classification.
        Assert.Equal(["contoso"], _incident.State.NotifiedClassification!.AffectedCustomers);
    }

    [Fact]
    public void A_new_kind_of_breach_is_shown_per_field_before_and_after()
    {
        ApprovedExfiltrationOnTheEuDatabase();

        _incident.Arrive(new DetectionBuilder().WithSourceId("det-ransom").WithCategories("ransomware").WithAssets("sqlprod-eu-01.database.windows.net").Build());

        var field = Assert.Single(_incident.State.PendingChanges!.Fields, f => f.Field == "breachTypes");
        Assert.Equal(new FieldChange("breachTypes", "Confidentiality", "Confidentiality, Integrity, Availability"), field);
        Assert.Empty(_incident.State.PendingChanges!.Parties);
    }

    [Fact]
    public void A_party_no_longer_affected_is_listed_as_such()
    {
        // exports-bucket: fabrikam and tailspin; the update's evidence names fabrikam only, which narrows the scope.
        _incident.Arrive(OnTheExportsBucket("det-1"));
        _incident.Decide(DecisionKind.Approve);

        _incident.Arrive(new DetectionBuilder().WithSourceId("det-1").WithCategories("exfiltration").WithAssets("ntc-exports.blob.core.windows.net")
            .WithEvidence("path", "/exports/fabrikam/reviews.csv").Build());

        Assert.Equal(IncidentStatus.UpdatePending, _incident.State.Status);
        Assert.Contains(new PartyChange(PartyKind.Customer, "tailspin", PartyChangeKind.NoLongerAffected), _incident.State.PendingChanges!.Parties);
    }

    [Fact]
    public void Approving_the_update_starts_the_follow_up_fan_out_of_phase_one_once()
    {
        ApprovedExfiltrationOnTheEuDatabase();
        _incident.Arrive(OnTheExportsBucket());

        var approved = _incident.Decide(DecisionKind.ApproveUpdate);
        var again = _incident.Decide(DecisionKind.ApproveUpdate);

        Assert.Equal([new StartFanOut(1)], approved.Commands);
        var e = Assert.IsType<IncidentUpdateApproved>(Assert.Single(approved.Events));
        Assert.Equal(1, e.Phase);
        Assert.True(again.IsNothing);
        Assert.Equal(IncidentStatus.Approved, _incident.State.Status);
        Assert.Null(_incident.State.PendingChanges);
        Assert.Equal([PhaseKind.Initial, PhaseKind.FollowUp], _incident.State.Phases.Select(p => p.Kind));
        Assert.Equal(["contoso", "fabrikam", "tailspin"], _incident.State.NotifiedClassification!.AffectedCustomers);
    }

    [Fact]
    public void A_plain_approve_or_a_close_while_an_update_is_pending_is_refused()
    {
        ApprovedExfiltrationOnTheEuDatabase();
        _incident.Arrive(OnTheExportsBucket());

        Assert.Contains("approve-update", _incident.Decide(DecisionKind.Approve).Refusal, StringComparison.Ordinal);
        Assert.Contains("pending update", _incident.Decide(DecisionKind.Close, report: Report).Refusal, StringComparison.Ordinal);
        Assert.NotNull(_incident.Decide(DecisionKind.Reject).Refusal);
        Assert.Equal(IncidentStatus.UpdatePending, _incident.State.Status);
    }

    [Fact]
    public void Approve_update_without_a_pending_update_is_refused()
    {
        ApprovedExfiltrationOnTheEuDatabase();

        Assert.NotNull(_incident.Decide(DecisionKind.ApproveUpdate).Refusal);
    }

    [Fact]
    public void The_approval_request_escalates_while_the_update_is_pending()
    {
        ApprovedExfiltrationOnTheEuDatabase();
        var step = _incident.Arrive(OnTheExportsBucket());
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(step.Commands));

        var fired = _incident.Step(new TimerFired(TimerKind.ApprovalRequest, timer.Sequence));

        Assert.IsType<ApprovalRequested>(Assert.Single(fired.Events));
        Assert.Contains(fired.Commands, c => c is NotifyCommanders);
    }

    [Fact]
    public void An_update_back_to_what_the_parties_were_told_ends_the_pending_update()
    {
        ApprovedExfiltrationOnTheEuDatabase();
        var told = JsonSerializer.Serialize(_incident.State.NotifiedClassification, DomainJson.Options);
        _incident.Arrive(OnTheExportsBucket());

        // The same detection, corrected: it was the EU database after all.
        _incident.Arrive(new DetectionBuilder().WithSourceId("det-exports").WithCategories("exfiltration").WithAssets("sqlprod-eu-01.database.windows.net").Build());

        Assert.Equal(IncidentStatus.Approved, _incident.State.Status);
        Assert.Null(_incident.State.PendingChanges);
        Assert.Equal(told, JsonSerializer.Serialize(_incident.State.NotifiedClassification, DomainJson.Options));
    }

    [Fact]
    public void Closing_needs_a_final_report_then_sends_the_closing_phase_and_later_detections_are_only_recorded()
    {
        ApprovedExfiltrationOnTheEuDatabase();

        Assert.Contains("finalReport", _incident.Decide(DecisionKind.Close).Refusal, StringComparison.Ordinal);
        Assert.Contains("rootCause", _incident.Decide(DecisionKind.Close, report: Report with { RootCause = " " }).Refusal, StringComparison.Ordinal);
        var closed = _incident.Decide(DecisionKind.Close, report: Report);
        var again = _incident.Decide(DecisionKind.Close, report: Report);
        var later = _incident.Arrive(OnTheExportsBucket());

        Assert.Equal([new StartFanOut(1)], closed.Commands);
        Assert.True(again.IsNothing);
        Assert.Equal(IncidentStatus.Closed, _incident.State.Status);
        Assert.Equal(Report, _incident.State.FinalReport);
        Assert.Equal([PhaseKind.Initial, PhaseKind.Closing], _incident.State.Phases.Select(p => p.Kind));
        Assert.IsType<DetectionRecorded>(Assert.Single(later.Events));
        Assert.Empty(later.Commands);
    }

    [Fact]
    public void Closing_an_incident_not_yet_approved_is_refused()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));

        Assert.NotNull(_incident.Decide(DecisionKind.Close, report: Report).Refusal);
        Assert.Equal(IncidentStatus.AwaitingDecision, _incident.State.Status);
    }

    [Fact]
    public void A_party_affected_after_every_warning_went_out_is_warned_about_at_its_own_due_time()
    {
        // Aware at T: cloud-host due T+24 h, contoso T+48 h; both warned (4 h before), so no warning timer is left.
        ApprovedExfiltrationOnTheEuDatabase();
        var aware = _incident.Now;
        _incident.Time.Advance(TimeSpan.FromHours(20));
        _incident.Step(new TimerFired(TimerKind.DeadlineWarning, 0));
        _incident.Time.Advance(TimeSpan.FromHours(24));
        _incident.Step(new TimerFired(TimerKind.DeadlineWarning, 1));

        // At T+45 h tailspin (24 h) and fabrikam (72 h) become affected: due T+69 h and T+117 h.
        _incident.Time.Advance(TimeSpan.FromHours(1));
        var pending = _incident.Arrive(OnTheExportsBucket());

        Assert.Contains(new ScheduleTimer(TimerKind.DeadlineWarning, 2, aware.AddHours(65)), pending.Commands);

        _incident.Decide(DecisionKind.ApproveUpdate);
        _incident.Time.Advance(TimeSpan.FromHours(20));
        var tailspin = _incident.Step(new TimerFired(TimerKind.DeadlineWarning, 2));

        var warn = Assert.IsType<WarnDeadline>(tailspin.Commands[0]);
        Assert.Equal((2, aware.AddHours(69), "tailspin"), (warn.Sequence, warn.DueAt, string.Join(",", warn.PartyIds)));
        Assert.Equal(new ScheduleTimer(TimerKind.DeadlineWarning, 3, aware.AddHours(113)), tailspin.Commands[1]);

        _incident.Time.Advance(TimeSpan.FromHours(48));
        var fabrikam = Assert.IsType<DeadlineApproaching>(Assert.Single(_incident.Step(new TimerFired(TimerKind.DeadlineWarning, 3)).Events));
        Assert.Equal((aware.AddHours(117), "fabrikam"), (fabrikam.DueAt, string.Join(",", fabrikam.PartyIds)));
        Assert.True(_incident.Step(new TimerFired(TimerKind.DeadlineWarning, 4)).IsNothing);
    }

    [Fact]
    public void A_party_newly_affected_due_before_a_due_time_already_warned_about_is_still_warned_about()
    {
        // Both warnings fired at once (a lead longer than the contracts); at T+3 h tailspin becomes due T+27 h, before
        // contoso's T+48 h that was already warned about.
        ApprovedExfiltrationOnTheEuDatabase();
        var aware = _incident.Now;
        _incident.Step(new TimerFired(TimerKind.DeadlineWarning, 0));
        _incident.Step(new TimerFired(TimerKind.DeadlineWarning, 1));
        _incident.Time.Advance(TimeSpan.FromHours(3));

        var pending = _incident.Arrive(OnTheExportsBucket());

        Assert.Contains(new ScheduleTimer(TimerKind.DeadlineWarning, 2, aware.AddHours(23)), pending.Commands);
        var tailspin = Assert.IsType<DeadlineApproaching>(Assert.Single(_incident.Step(new TimerFired(TimerKind.DeadlineWarning, 2)).Events));
        Assert.Equal((aware.AddHours(27), "tailspin"), (tailspin.DueAt, string.Join(",", tailspin.PartyIds)));
    }

    [Fact]
    public void Parties_affected_while_a_warning_is_still_scheduled_join_the_warnings_in_due_order()
    {
        // At T+3 h tailspin (T+27 h) and fabrikam (T+75 h) join; the warning for cloud-host (T+24 h) is still ahead.
        ApprovedExfiltrationOnTheEuDatabase();
        var aware = _incident.Now;
        _incident.Time.Advance(TimeSpan.FromHours(3));
        var pending = _incident.Arrive(OnTheExportsBucket());
        _incident.Decide(DecisionKind.ApproveUpdate);

        Assert.DoesNotContain(pending.Commands, c => c is ScheduleTimer { Timer: TimerKind.DeadlineWarning });
        List<(DateTimeOffset, string)> warned = [];
        for (var sequence = 0; sequence < 5; sequence++)
        {
            foreach (var e in _incident.Step(new TimerFired(TimerKind.DeadlineWarning, sequence)).Events.OfType<DeadlineApproaching>())
            {
                warned.Add((e.DueAt, string.Join(",", e.PartyIds)));
            }
        }

        Assert.Equal([(aware.AddHours(24), "cloud-host"), (aware.AddHours(27), "tailspin"), (aware.AddHours(48), "contoso"), (aware.AddHours(75), "fabrikam")], warned);
    }

    [Fact]
    public void The_history_of_every_phase_replays_to_the_same_state()
    {
        ApprovedExfiltrationOnTheEuDatabase();
        _incident.Arrive(OnTheExportsBucket());
        _incident.Decide(DecisionKind.ApproveUpdate);
        _incident.Decide(DecisionKind.Close, report: Report);

        Assert.Equal(JsonSerializer.Serialize(_incident.State, DomainJson.Options), JsonSerializer.Serialize(_incident.Replayed(), DomainJson.Options));
        Assert.Equal([0, 1, 2], _incident.State.Phases.Select(p => p.Sequence));
    }
}
