using BreachNotify.ControllerPacks;
using BreachNotify.Incidents;
using BreachNotify.Severity;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Incidents;

/// <summary>A commander's override of the ENISA inputs: recorded with its reason, folded into the state, used by the controller pack.</summary>
public sealed class SeverityOverrideTests
{
    private readonly IncidentHarness _incident = new();

    private static readonly SeverityOverride KnownRecipientsNoMalice = new() { Confidentiality = ConfidentialityLoss.KnownRecipients, MaliciousIntent = false };

    private IncidentStep Override(SeverityOverride? given, string? reason = "the recipient is a known partner who deleted the file") =>
        _incident.Step(new CommanderDecision(DecisionKind.OverrideSeverity, "ic-primary", reason, Severity: given));

    [Fact]
    public void AnOverride_IsRecordedWithItsInputsNames_AndThePackScoresWithIt()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));

        var step = Override(KnownRecipientsNoMalice);

        var e = Assert.IsType<SeverityOverridden>(Assert.Single(step.Events));
        Assert.Equal("severity inputs overridden: confidentiality, maliciousIntent", e.Describe());
        Assert.Empty(step.Commands);
        Assert.Equal(KnownRecipientsNoMalice, _incident.State.SeverityOverride);
        var pack = new ControllerPackComposer(TestData.SampleDirectory).Compose(_incident.State, "contoso", null, _incident.State.SeverityOverride)!;
        Assert.Equal(["confidentiality", "maliciousIntent"], pack.Severity.Overridden);
        // A confidentiality breach only: known recipients (+0.25), no integrity or availability loss, no malice (+0).
        Assert.Equal(0.25m, pack.Severity.CircumstancesScore);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(_incident.State, DomainJson.Options), System.Text.Json.JsonSerializer.Serialize(_incident.Replayed(), DomainJson.Options));
    }

    [Fact]
    public void TheSameOverrideAgain_ChangesNothing_AndALaterOneReplacesIt()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));
        Override(KnownRecipientsNoMalice);

        Assert.True(Override(KnownRecipientsNoMalice with { }).IsNothing);
        Override(new SeverityOverride { EaseOfIdentification = EaseOfIdentification.Limited });

        Assert.Equal(new SeverityOverride { EaseOfIdentification = EaseOfIdentification.Limited }, _incident.State.SeverityOverride);
    }

    [Fact]
    public void AnOverrideBeforeTheClassification_IsRefused()
    {
        _incident.Step(new DetectionArrived(TestData.Detection("ocsf-detection-finding-exfil.json")));

        Assert.Equal(IncidentStatus.Received, _incident.State.Status);
        Assert.NotNull(Override(KnownRecipientsNoMalice).Refusal);
    }

    [Fact]
    public void AnOverrideWithoutInputsOrReason_IsRefused()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));

        Assert.NotNull(Override(new SeverityOverride()).Refusal);
        Assert.NotNull(Override(null).Refusal);
        Assert.NotNull(Override(KnownRecipientsNoMalice, reason: " ").Refusal);
        Assert.Null(_incident.State.SeverityOverride);
    }
}
