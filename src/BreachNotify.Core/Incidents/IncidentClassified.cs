using System.Text.Json.Serialization;
using BreachNotify.Clocks;

namespace BreachNotify.Incidents;

public sealed record IncidentClassified(
    DateTimeOffset At,
    string Actor,
    Classification.Classification Classification,
    int RecipientCount,
    IReadOnlyList<DueTime> DueTimes,
    IReadOnlyList<StatutoryClock> StatutoryClocks) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "classified";

    public override string Describe() =>
        $"classified {Classification.Verdict} ({Classification.Confidence} confidence): {Classification.AffectedCustomers.Count} customers, " +
        $"{Classification.AffectedSubprocessors.Count} sub-processors, {RecipientCount} notices";
}
