using BreachNotify.Notices;

namespace BreachNotify.Incidents;

/// <summary>
/// One round of notices the commanders approved: its sequence (0 the first), kind, when and by whom, and what changed.
/// <see cref="NoticeCount"/>: the first round's notices at approval (the follow-up waits until they all exist);
/// <see cref="NewRecipients"/>: a follow-up's newly affected recipients, frozen at its approval (they get a first notice).
/// </summary>
public sealed record IncidentPhase(
    int Sequence,
    PhaseKind Kind,
    DateTimeOffset ApprovedAt,
    string ApprovedBy,
    IncidentChanges? Changes = null,
    int? NoticeCount = null,
    IReadOnlyList<Recipient>? NewRecipients = null);
