namespace BreachNotify.Incidents;

/// <summary>
/// Create the approved incident's notice records of phase <paramref name="Phase"/> and queue their batches for sending
/// (0: the first notices; above: a follow-up or the closing notice, see <see cref="IncidentState.Phases"/>).
/// </summary>
public sealed record StartFanOut(int Phase = 0) : WorkflowCommand;
