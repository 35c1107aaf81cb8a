using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Queues;

/// <summary>
/// One message on the workflow queue. Small and bounded whatever the incident's size: batches are named by
/// number, never by listing their recipients. <see cref="OutboxRowKey"/> is the outbox row this item completes;
/// <see cref="TraceParent"/> the trace it continues (set when it is queued). <see cref="IncidentId"/> is the matter's id
/// (the name stays for the messages already queued); <see cref="Matter"/> its kind, absent (an incident) in messages
/// written before kinds existed. <see cref="NoticeId"/> names the one notice an item is about (an objection receipt).
/// <see cref="Phase"/>: the round of notices a fan-out, send or reminder item serves (0, the first, in messages written before phases).
/// </summary>
public sealed record WorkItem(
    WorkItemKind Kind,
    string IncidentId,
    string? OutboxRowKey = null,
    TimerKind? Timer = null,
    int Sequence = 0,
    DateTimeOffset? DueAt = null,
    int Batch = 0,
    IReadOnlyList<string>? CommanderIds = null,
    IReadOnlyList<string>? PartyIds = null,
    string? TraceParent = null,
    MatterKind Matter = MatterKind.Incident,
    string? NoticeId = null,
    int Phase = 0);
