using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Incidents;

/// <summary>What an approved follow-up freezes for its fan-out: the newly affected parties' contacts, with their own due times.</summary>
public sealed class FollowUpRecipientsTests
{
    private readonly IncidentHarness _incident = new();

    [Fact]
    public void ApproveUpdate_FreezesTheNewlyAffectedContacts_DueFromWhenTheyBecameAffected_AndNobodyToldBefore()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));
        _incident.Decide(DecisionKind.Approve);
        _incident.Time.Advance(TimeSpan.FromHours(3));
        var affectedAt = _incident.Now;
        _incident.Arrive(new DetectionBuilder().WithSourceId("det-exports").WithCategories("exfiltration").WithAssets("ntc-exports.blob.core.windows.net").Build());

        var step = _incident.Decide(DecisionKind.ApproveUpdate);

        var approved = Assert.IsType<IncidentUpdateApproved>(Assert.Single(step.Events));
        // fabrikam (one contact, 72 h by contract) and tailspin (one contact, the default 24 h), counted from the update.
        Assert.Equal(
            [("customer:fabrikam:0", "legal@fabrikam.example", affectedAt.AddHours(72)), ("customer:tailspin:0", "dpo@tailspin.example", affectedAt.AddHours(24))],
            approved.NewRecipients!.Select(r => (r.Key, r.Email, r.DueAt)));
        Assert.Equal(approved.NewRecipients, _incident.State.Phases[1].NewRecipients);
        // The first round's notice count is kept: the follow-up waits until those notices all exist.
        Assert.Equal(3, _incident.State.Phases[0].NoticeCount);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(_incident.State, DomainJson.Options), System.Text.Json.JsonSerializer.Serialize(_incident.Replayed(), DomainJson.Options));
    }

    [Fact]
    public void ApproveUpdate_ThatOnlyNarrowsTheParties_FreezesNobodyNew()
    {
        _incident.Arrive(new DetectionBuilder().WithSourceId("det-1").WithCategories("exfiltration").WithAssets("ntc-exports.blob.core.windows.net").Build());
        _incident.Decide(DecisionKind.Approve);
        _incident.Arrive(new DetectionBuilder().WithSourceId("det-1").WithCategories("exfiltration").WithAssets("ntc-exports.blob.core.windows.net")
            .WithEvidence("path", "/exports/fabrikam/reviews.csv").Build());

        var approved = Assert.IsType<IncidentUpdateApproved>(Assert.Single(_incident.Decide(DecisionKind.ApproveUpdate).Events));

        Assert.Empty(approved.NewRecipients!);
        Assert.Contains(new PartyChange(PartyKind.Customer, "tailspin", PartyChangeKind.NoLongerAffected), approved.Changes.Parties);
    }
}
