using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

/// <summary>Commanders were asked to decide; <see cref="Sequence"/> above zero is an escalation.</summary>
public sealed record ApprovalRequested(DateTimeOffset At, string Actor, int Sequence, IReadOnlyList<string> CommanderIds) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => Sequence == 0 ? "approvalRequested" : "approvalEscalated";

    public override string Describe() =>
        Sequence == 0 ? $"approval requested from {string.Join(", ", CommanderIds)}" : $"no decision yet: escalation {Sequence} to {string.Join(", ", CommanderIds)}";
}
