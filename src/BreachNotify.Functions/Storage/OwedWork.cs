using BreachNotify.Functions.Matters;
using BreachNotify.Functions.Workflow;

namespace BreachNotify.Functions.Storage;

/// <summary>
/// Work a matter's step owes the notice engine (a fan-out, a mail), keyed by the matter and the step's version so that a
/// step's work has one row; the row key completes it. The shape of <c>SubprocessorChanges.ChangeWork</c>, for any kind.
/// </summary>
public sealed record OwedWork(string MatterId, WorkItemKind Kind, string RowKey, MatterKind Matter, string? CustomerId = null)
{
    public static OwedWork For(string matterId, WorkItemKind kind, int version, MatterKind matter, string? customerId = null) =>
        new(matterId, kind, $"{matterId}|{kind}|{version:D8}", matter, customerId);

    public WorkItem Item => new(Kind, MatterId, RowKey, PartyIds: CustomerId is null ? null : [CustomerId], Matter: Matter);
}
