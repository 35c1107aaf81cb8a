namespace BreachNotify.Application.Matters;

/// <summary>Every kind of matter the app serves, found by kind (a work item) or by id (a notice's link or delivery event).</summary>
public sealed class NoticeSources(IEnumerable<INoticeSource> sources)
{
    private readonly IReadOnlyList<INoticeSource> _sources = [.. sources];

    public INoticeSource For(MatterKind kind) =>
        _sources.FirstOrDefault(s => s.Kind == kind) ?? throw new InvalidDataException($"No notice source for matter kind {kind}.");

    public INoticeSource? Owning(string? matterId) => matterId is null ? null : _sources.FirstOrDefault(s => s.Owns(matterId));

    public bool IsWellFormed(MatterKind kind, string? matterId) => matterId is not null && For(kind).Owns(matterId);

    /// <summary>Whether <paramref name="matterId"/> is a well-formed id of any kind (the notice table holds every kind's notices).</summary>
    public static bool IsAnyMatterId(string? matterId) =>
        BreachNotify.Incidents.IncidentId.IsWellFormed(matterId) || ChangeId.IsWellFormed(matterId)
        || MatterId.IsWellFormed(matterId);
}
